using StackTests.Harness;
using System.Net;
using System.Net.Sockets;
using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>The external stack: settings from a file and the environment, reachability and login checks, no secrets shown.</summary>
public sealed class ExternalStackTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static readonly ComposeService[] Services = Of("prometheus", "otel-collector", "grafana", "loki");

    private static ComposeService[] Of(params string[] names) => [.. names.Select(Compose.Service)];

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Environment_variables_name_the_service_upper_cased_with_underscores()
    {
        ExternalSettings.UrlVariable("prometheus").Should().Be("STACKTESTS_PROMETHEUS_URL");
        ExternalSettings.UrlVariable("otel-collector").Should().Be("STACKTESTS_OTEL_COLLECTOR_URL");
        ExternalSettings.UrlVariable("otel-collector", "otlp-http").Should().Be("STACKTESTS_OTEL_COLLECTOR_OTLP_HTTP_URL");
        ExternalSettings.LoginVariable("grafana", "PASSWORD").Should().Be("STACKTESTS_GRAFANA_PASSWORD");
    }

    [Fact]
    public void A_yaml_settings_file_gives_urls_named_ports_and_logins()
    {
        var services = ExternalSettings.Parse("settings.yaml", """
            services:
              prometheus: http://staging:9090
              otel-collector:
                url: http://staging:13133
                ports: { otlp-http: "http://staging:4318" }
              grafana: { url: "https://grafana.staging/", user: admin, password: hunter2 }
            """);
        services["prometheus"].Url.Should().Be(new Uri("http://staging:9090"));
        services["otel-collector"].PortUrls["otlp-http"].Should().Be(new Uri("http://staging:4318"));
        services["grafana"].Credentials.Should().Be(new ServiceCredentials("admin", "hunter2", null));
    }

    [Fact]
    public void A_json_settings_file_reads_the_same()
    {
        var services = ExternalSettings.Parse("settings.json",
            """{"services":{"grafana":{"url":"http://g:3000","token":"glsa_abc"},"loki":"http://l:3100"}}""");
        services["grafana"].Credentials!.Token.Should().Be("glsa_abc");
        services["loki"].Url.Should().Be(new Uri("http://l:3100"));
    }

    [Fact]
    public void Bad_settings_name_the_file_and_the_entry()
    {
        var parse = () => ExternalSettings.Parse("settings.yaml", "services:\n  prometheus: staging:9090\n");
        parse.Should().Throw<ExternalSettingsException>().WithMessage("settings.yaml: services.prometheus: 'staging:9090' is not an http(s) URL*");
        var noServices = () => ExternalSettings.Parse("s.yaml", "prometheus: http://x\n");
        noServices.Should().Throw<ExternalSettingsException>().WithMessage("s.yaml: expected a 'services' mapping at the top level");
    }

    [Fact]
    public void Environment_variables_win_over_the_settings_file()
    {
        var file = Path.Combine(TestRun.Directory, $"external-{Guid.NewGuid():N}.yaml");
        Directory.CreateDirectory(TestRun.Directory);
        File.WriteAllText(file, "services:\n  prometheus: http://from-file:9090\n  grafana: { url: http://g:3000, user: admin, password: from-file }\n");
        var services = ExternalSettings.Load(Services, Env(
            ("STACKTESTS_SETTINGS", file), ("STACKTESTS_PROMETHEUS_URL", "http://from-env:9090"), ("STACKTESTS_GRAFANA_PASSWORD", "from-env")));
        services["prometheus"].Url.Should().Be(new Uri("http://from-env:9090"));
        services["grafana"].Credentials.Should().Be(new ServiceCredentials("admin", "from-env", null));
        services["loki"].IsConfigured.Should().BeFalse();
    }

    [Fact]
    public void The_collector_has_one_url_per_port_falling_back_to_the_service_host()
    {
        var collector = ExternalSettings.Load(Services, Env(
            ("STACKTESTS_OTEL_COLLECTOR_URL", "http://collector.staging:4318"),
            ("STACKTESTS_OTEL_COLLECTOR_HEALTH_URL", "http://health.staging:13133/")))["otel-collector"];
        var definition = Compose.Service("otel-collector");
        collector.UrlFor(definition, "otlp-http").Should().Be(new Uri("http://collector.staging:4318"), "otlp-http is the collector's main port");
        collector.UrlFor(definition, "health").Should().Be(new Uri("http://health.staging:13133/"));
        collector.UrlFor(definition, "metrics").Should().Be(new Uri("http://collector.staging:8888/"), "other ports: the same host, compose's port");
    }

    [Fact]
    public void Secrets_never_appear_in_descriptions()
    {
        var services = ExternalSettings.Load(Services, Env(
            ("STACKTESTS_GRAFANA_URL", "http://admin:urlsecret@grafana:3000"), ("STACKTESTS_GRAFANA_USER", "admin"),
            ("STACKTESTS_GRAFANA_PASSWORD", "pw-secret"), ("STACKTESTS_PROMETHEUS_URL", "http://p:9090")));
        var described = services["grafana"].ToString() + new ExternalStack(Services, Env(
            ("STACKTESTS_GRAFANA_URL", "http://g:3000"), ("STACKTESTS_GRAFANA_TOKEN", "tok-secret")));
        described.Should().NotContain("urlsecret").And.NotContain("pw-secret").And.NotContain("tok-secret").And.Contain("****");
    }

    [Fact]
    public async Task Unreachable_services_are_reported_each_by_name_and_url()
    {
        var closed = ClosedPort();
        await using var stack = new ExternalStack(Services, Env(
            ("STACKTESTS_PROMETHEUS_URL", $"http://127.0.0.1:{closed}"), ("STACKTESTS_LOKI_URL", $"http://127.0.0.1:{closed}")));
        var start = () => stack.StartAsync(Token);
        var message = (await start.Should().ThrowAsync<StackStartException>()).Which.Message;
        message.Should().Contain($"prometheus: GET http://127.0.0.1:{closed}/-/ready got no answer within 5s")
            .And.Contain($"loki: GET http://127.0.0.1:{closed}/ready got no answer").And.Contain("STACKTESTS_LOKI_URL");
    }

    [Fact]
    public async Task An_mqtt_broker_is_checked_with_a_tcp_connection_not_an_http_get()
    {
        using var broker = new TcpListener(IPAddress.Loopback, 0);
        broker.Start();
        var port = ((IPEndPoint)broker.LocalEndpoint).Port;
        await using var open = new ExternalStack(Of("mosquitto"), Env(("STACKTESTS_MOSQUITTO_URL", $"mqtt://127.0.0.1:{port}")));
        await open.StartAsync(Token);
        open.Endpoint("mosquitto", "mqtt").Should().Be(new Uri($"mqtt://127.0.0.1:{port}"));

        var closed = ClosedPort();
        await using var shut = new ExternalStack(Of("mosquitto"), Env(("STACKTESTS_MOSQUITTO_URL", $"mqtt://127.0.0.1:{closed}")));
        var start = () => shut.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>()).Which.Message.Should()
            .Contain($"mosquitto: TCP connect to 127.0.0.1:{closed} failed").And.Contain("STACKTESTS_MOSQUITTO_URL");
    }

    [Fact]
    public async Task A_rejected_grafana_login_is_reported_without_the_password()
    {
        var handler = new StubHandler(request => request.RequestUri!.AbsolutePath == "/api/user" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);
        await using var stack = new ExternalStack(Services, Env(
            ("STACKTESTS_GRAFANA_URL", "http://grafana.staging:3000"), ("STACKTESTS_GRAFANA_USER", "admin"), ("STACKTESTS_GRAFANA_PASSWORD", "wrong-pw")), handler);
        var start = () => stack.StartAsync(Token);
        var message = (await start.Should().ThrowAsync<StackStartException>()).Which.Message;
        message.Should().Contain("grafana: the login (user admin, password ****) was rejected with 401 at /api/user").And.NotContain("wrong-pw");
    }

    [Fact]
    public async Task A_checked_stack_supplies_configured_services_only_and_cannot_control_them()
    {
        await using var stack = new ExternalStack(Services, Env(("STACKTESTS_PROMETHEUS_URL", "http://p.staging:9090")),
            new StubHandler(_ => HttpStatusCode.OK));
        await stack.StartAsync(Token);
        stack.RunningServices.Should().Equal("prometheus");
        stack.Endpoint("prometheus", "http").Should().Be(new Uri("http://p.staging:9090"));
        stack.Unavailable("loki").Should().Be("no URL given for it: set STACKTESTS_LOKI_URL or services.loki.url in STACKTESTS_SETTINGS");
        stack.CanControlServices.Should().BeFalse();
        var restart = () => stack.RestartServiceAsync("prometheus", Token);
        await restart.Should().ThrowAsync<NotSupportedException>().WithMessage("the external stack cannot restart prometheus*--stack local*");
    }

    [Fact]
    public async Task Without_any_url_the_message_says_what_to_set()
    {
        await using var stack = new ExternalStack(Services, Env());
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>()).WithMessage("*set STACKTESTS_PROMETHEUS_URL*or STACKTESTS_SETTINGS*");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class StubHandler(Func<HttpRequestMessage, HttpStatusCode> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(answer(request)));
    }
}
