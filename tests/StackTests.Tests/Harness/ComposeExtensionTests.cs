using StackTests.Harness;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>compose.yaml's x-stacktests fields: port names, readiness probes, logins and images, and the errors that name the service and line.</summary>
public sealed class ComposeExtensionTests
{
    private static ComposeFile Parse(string service, params (string Name, string Value)[] variables) =>
        ComposeFile.Parse("/x/compose.yaml", "services:\n" + service, name => variables.FirstOrDefault(v => v.Name == name).Value);

    private static ComposeFormatException Refused(string service)
    {
        var parse = () => Parse(service);
        return parse.Should().Throw<ComposeFormatException>().Which;
    }

    [Fact]
    public void Ports_are_named_and_the_first_is_the_main_api()
    {
        var service = Parse("""
              collector:
                ports: ["127.0.0.1:14318:4318", "13133"]
                expose: ["8888/tcp"]
                x-stacktests:
                  ports: {otlp-http: 4318, health: 13133, metrics: 8888}
                  ready: {port: health, path: /}
            """).Service("collector");
        service.ContainerPorts.Should().Equal(4318, 13133, 8888);
        service.Port("metrics").Should().Be(8888);
        service.PortName(13133).Should().Be("health");
        service.MainPortName.Should().Be("otlp-http");
        service.Readiness.Should().Be(new ReadinessProbe("health", 13133, "/", ReadinessProbe.DefaultTimeout));
        var unknown = () => service.Port("grpc");
        // Line 2 declares the service (line 1 is "services:").
        unknown.Should().Throw<KeyNotFoundException>().WithMessage("service 'collector' (line 2) names no port 'grpc' in its x-stacktests.ports (names: otlp-http, health, metrics)");
    }

    [Fact]
    public void A_probe_without_a_path_is_a_tcp_probe_and_a_timeout_is_whole_seconds()
    {
        Parse("  broker:\n    ports: [\"1883\"]\n    x-stacktests: {ports: {mqtt: 1883}, ready: {port: mqtt, timeout: 60s}}\n")
            .Service("broker").Readiness.Should().Be(new ReadinessProbe("mqtt", 1883, null, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public void A_service_without_the_field_names_nothing() =>
        Parse("  sim:\n    image: x\n").Service("sim").Extension.Should().Be(ServiceExtension.None);

    [Fact]
    public void The_login_is_the_value_compose_gives_its_variables()
    {
        var login = Parse("""
              grafana:
                environment:
                  GF_USER: ${ADMIN_USER:-admin}
                  GF_PASSWORD: ${ADMIN_PASSWORD:-admin}
                x-stacktests:
                  login: {user: GF_USER, password: GF_PASSWORD, check: /api/user}
            """, ("ADMIN_PASSWORD", "s3cret")).Service("grafana").Login;
        login.Should().Be(new ServiceLogin("admin", "s3cret", "/api/user"));
        login!.ToString().Should().NotContain("s3cret");
    }

    [Theory]
    [InlineData("  a:\n    ports: [\"9090\"]\n    x-stacktests: {ports: {http: 9091}}\n", 4,
        "service 'a': x-stacktests.ports.http: 9091 is not a container port the service's ports: or expose: declares (declared: 9090)")]
    [InlineData("  a:\n    x-stacktests: {ports: {http: web}}\n", 3, "service 'a': x-stacktests.ports.http: 'web' is not a port number")]
    [InlineData("  a:\n    ports: [\"9090\"]\n    x-stacktests: {ports: {http: 9090}, ready: {path: /ready}}\n", 4,
        "service 'a': x-stacktests.ready: names no port (ready: {port: NAME, path: /PATH})")]
    [InlineData("  a:\n    ports: [\"9090\"]\n    x-stacktests: {ports: {http: 9090}, ready: {port: grpc}}\n", 4,
        "service 'a': x-stacktests.ready.port: 'grpc' is not one of the names in ports: (http)")]
    [InlineData("  a:\n    ports: [\"9090\"]\n    x-stacktests: {ports: {http: 9090}, ready: {port: http, path: ready}}\n", 4,
        "service 'a': x-stacktests.ready.path: 'ready' must start with '/'")]
    [InlineData("  a:\n    ports: [\"9090\"]\n    x-stacktests: {ports: {http: 9090}, ready: {port: http, timeout: 1m}}\n", 4,
        "service 'a': x-stacktests.ready.timeout: '1m' is not a number of seconds such as 60s")]
    [InlineData("  a:\n    environment: {U: x}\n    x-stacktests: {login: {user: U, password: P, check: /u}}\n", 4,
        "service 'a': x-stacktests.login.password: the service's environment: sets no P")]
    [InlineData("  a:\n    environment: {U: x, P: y}\n    x-stacktests: {login: {user: U, password: P}}\n", 4,
        "service 'a': x-stacktests.login: names no check path (a path answering 401 to a wrong login)")]
    public void A_bad_field_is_refused_naming_the_file_line_and_service(string service, int line, string problem)
    {
        var error = Refused(service);
        error.FilePath.Should().Be("/x/compose.yaml");
        error.LineNumber.Should().Be(line);
        error.Problem.Should().Be(problem);
    }

    [Fact]
    public void Top_level_images_are_named()
    {
        var compose = ComposeFile.Parse("/x/compose.yaml", "services: {}\nx-stacktests:\n  images: {log-writer: busybox:1.37.0}\n", _ => null);
        compose.Image("log-writer").Should().Be("busybox:1.37.0");
        var unknown = () => compose.Image("shell");
        unknown.Should().Throw<KeyNotFoundException>().WithMessage("/x/compose.yaml: x-stacktests.images names no 'shell' (names: log-writer)");
    }

    [Fact]
    public void The_stacks_compose_file_names_the_log_writers_image() =>
        ComposeFile.Load(RepositoryLayout.ComposeFile).Image("log-writer").Should().StartWith("busybox:");
}
