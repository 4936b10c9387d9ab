using StackTests.Harness;
using StackTests.Compose;
using StackTests.Harness.Providers;
using StackTests.Settings;

namespace StackTests.Tests.Harness;

/// <summary>The local stack's planning: addresses, rewritten configs, and why a service cannot run.</summary>
public sealed class LocalStackTests
{
    private static readonly ComposeFile Compose = ComposeFile.Parse("compose.yaml", """
        services:
          prometheus:
            image: prom/prometheus:v3.5.0
            ports: ["127.0.0.1:9090:9090"]
          loki:
            image: grafana/loki:3.5.0
            ports: ["127.0.0.1:3100:3100"]
          alert-sink:
            image: mendhak/http-https-echo:34
            profiles: [iot]
            depends_on: [mosquitto]
          mosquitto:
            image: eclipse-mosquitto:2.0
            profiles: [iot]
          batch-job:
            image: example/batch-job:1.0
            profiles: [iot]
          grafana:
            image: grafana/grafana:12.0.0
            environment:
              GF_SECURITY_ADMIN_USER: admin
              GF_SECURITY_ADMIN_PASSWORD: ${STACKTESTS_TEST_UNSET_PASSWORD:-s3cret}
            x-stacktests:
              login: {user: GF_SECURITY_ADMIN_USER, password: GF_SECURITY_ADMIN_PASSWORD, check: /api/user}
        """);

    [Fact]
    public void Service_host_names_before_a_port_are_rewritten_to_their_loopback_address()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        stack.RewriteHosts("url: http://loki:3100/loki/api/v1/push\ntargets: [\"prometheus:9090\"]\njob_name: loki\nmy-loki:3100")
            .Should().Be("url: http://127.0.0.11:3100/loki/api/v1/push\ntargets: [\"127.0.0.10:9090\"]\njob_name: loki\nmy-loki:3100");
    }

    [Fact]
    public void Wildcard_and_localhost_addresses_in_a_services_own_config_become_its_address()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        stack.RewriteHosts("endpoint: 0.0.0.0:4318\ntargets: [localhost:9090, 127.0.0.1:9091]\nhost: localhost", ownService: "loki")
            .Should().Be("endpoint: 127.0.0.11:4318\ntargets: [127.0.0.11:9090, 127.0.0.11:9091]\nhost: localhost");
    }

    [Fact]
    public void Another_loopback_block_moves_every_address_and_a_bad_one_is_refused()
    {
        new LocalStack(Compose, [], Path.GetTempPath(), "127.0.7").AddressOf("loki").Should().Be("127.0.7.11");
        var bad = () => new LocalStack(Compose, [], Path.GetTempPath(), "10.0.0");
        bad.Should().Throw<ArgumentException>().WithMessage("STACKTESTS_LOOPBACK '10.0.0' must look like 127.X.Y*");
    }

    [Fact]
    public void Tempo_holds_its_grpc_port_on_127_0_0_1_whatever_the_loopback_block()
    {
        var compose = ComposeFile.Parse("compose.yaml", """
            services:
              tempo:
                image: grafana/tempo:2.10.8
                ports: ["127.0.0.1:3200:3200"]
                expose: ["9095"]
                x-stacktests: {ports: {http: 3200, grpc: 9095}}
            """);
        var tempo = new LocalService(compose.Service("tempo"), new LocalStack(compose, [], Path.GetTempPath(), "127.0.5").AddressOf("tempo"));
        tempo.Listeners.Should().Equal(("127.0.5.10", 3200), ("127.0.0.1", 9095));
    }

    [Fact]
    public void A_port_the_local_recipe_needs_and_compose_does_not_name_makes_the_service_unavailable_naming_it()
    {
        var compose = ComposeFile.Parse("compose.yaml", """
            services:
              tempo:
                image: grafana/tempo:2.10.8
                ports: ["127.0.0.1:3200:3200"]
                x-stacktests: {ports: {http: 3200}}
            """);
        new LocalStack(compose, [], Path.GetTempPath(), "127.0.5").Unavailable("tempo").Should()
            .Be("its local recipe (ServiceCatalog) needs the port named 'grpc', which compose.yaml's x-stacktests.ports of tempo does not name");
    }

    [Fact]
    public void A_service_without_a_local_command_is_unavailable_with_the_reason()
    {
        var stack = new LocalStack(Compose, ["iot"], Path.GetTempPath(), "127.0.0");
        stack.IsAvailable("batch-job").Should().BeFalse();
        stack.Unavailable("batch-job").Should().Be("no local command is known for batch-job (see ServiceCatalog)");
    }

    [Fact]
    public void A_service_whose_binary_is_missing_is_unavailable_naming_the_binary()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        if (BinaryFinder.Find("loki") is not null) Assert.Skip("a 'loki' binary exists on this host");
        stack.IsAvailable("loki").Should().BeFalse();
        stack.Unavailable("loki").Should().Be("binary 'loki' not found on PATH or in STACKTESTS_BIN_DIR");
    }

    [Fact]
    public void A_service_outside_the_chosen_profiles_is_unavailable_naming_the_compose_file()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        stack.Unavailable("mosquitto").Should().Be("not in the chosen profiles of compose.yaml");
    }

    [Fact]
    public void Endpoint_of_an_unavailable_service_says_why()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        var endpoint = () => stack.Endpoint("mosquitto", "mqtt");
        endpoint.Should().Throw<InvalidOperationException>().WithMessage("mosquitto is not available from the local stack: not in the chosen profiles*");
    }

    [Fact]
    public void Grafana_credentials_come_from_compose_with_interpolation_and_never_show_the_password()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath(), "127.0.0");
        var credentials = stack.Credentials("grafana");
        credentials.Should().Be(new ServiceCredentials("admin", "s3cret", null));
        credentials!.ToString().Should().NotContain("s3cret").And.Contain("****");
        stack.Credentials("prometheus").Should().BeNull();
    }
}
