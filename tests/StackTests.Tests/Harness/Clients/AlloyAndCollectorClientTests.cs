using Flurl.Http.Testing;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

public sealed class AlloyAndCollectorClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // Fields of ComponentInfo in grafana/alloy internal/web/ui/src/features/component/types.ts, the type the UI reads
    // from /api/v0/web/components (internal/web/api/api.go marshals component.Info with health).
    [Fact]
    public void Parses_alloy_components_with_health()
    {
        const string body = """
            [{"moduleID":"","localID":"loki.write.default","name":"loki.write","label":"default",
              "health":{"state":"healthy","message":"started component","updatedTime":"2024-05-01T10:00:00.123Z"},
              "referencedBy":["loki.source.docker.containers"],"referencesTo":[],"dataFlowEdgesTo":[],"liveDebuggingEnabled":true},
             {"moduleID":"","localID":"discovery.docker.containers","name":"discovery.docker","label":"containers",
              "health":{"state":"unhealthy","message":"Cannot connect to the Docker daemon at unix:///var/run/docker.sock"},
              "referencedBy":[],"referencesTo":[],"dataFlowEdgesTo":[],"liveDebuggingEnabled":false}]
            """;
        var components = AlloyClient.ParseComponents(body);
        components.Select(c => (c.LocalId, c.Name, c.IsHealthy)).Should().Equal(
            ("loki.write.default", "loki.write", true), ("discovery.docker.containers", "discovery.docker", false));
        components[1].ToString().Should().Contain("Cannot connect to the Docker daemon");
    }

    // https://grafana.com/docs/alloy/latest/reference/http/: /-/healthy answers 500 with the unhealthy components.
    [Fact]
    public async Task Alloy_unhealthy_is_an_answer_not_an_error()
    {
        using var http = new HttpTest();
        http.RespondWith("unhealthy components: discovery.docker.containers", 500);
        var health = await new AlloyClient(new Uri("http://alloy:12345/")).HealthAsync(Token);
        health.Should().Be(new AlloyHealth(false, "unhealthy components: discovery.docker.containers"));
        http.ShouldHaveCalled("http://alloy:12345/-/healthy");
    }

    // healthcheckextension responses, e.g. {"status":"Server available","upSince":"2025-09-28T05:52:04.0483279+01:00","uptime":"10h35m9.498371s"}
    // (open-telemetry/opentelemetry-collector-contrib extension/healthcheckextension).
    [Fact]
    public void Parses_collector_health()
    {
        CollectorClient.ParseHealth(200, """{"status":"Server available","upSince":"2025-09-28T05:52:04.0483279+01:00","uptime":"10h35m9.498371s"}""")
            .Should().Be(new CollectorHealth(true, "Server available", "2025-09-28T05:52:04.0483279+01:00", "10h35m9.498371s"));
        CollectorClient.ParseHealth(503, """{"status":"Server not available","upSince":"0001-01-01T00:00:00Z","uptime":""}""")
            .IsAvailable.Should().BeFalse();
    }
}
