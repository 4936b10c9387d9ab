using StackTests.Compose;

namespace StackTests.Harness.Tests;

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
        """);

    [Fact]
    public void Service_host_names_before_a_port_are_rewritten_to_their_loopback_address()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath());
        stack.RewriteHosts("url: http://loki:3100/loki/api/v1/push\ntargets: [\"prometheus:9090\"]\njob_name: loki\nmy-loki:3100")
            .Should().Be("url: http://127.0.0.11:3100/loki/api/v1/push\ntargets: [\"127.0.0.10:9090\"]\njob_name: loki\nmy-loki:3100");
    }

    [Fact]
    public void A_service_without_a_local_command_is_unavailable_with_the_reason()
    {
        var stack = new LocalStack(Compose, [], Path.GetTempPath());
        stack.IsAvailable("loki").Should().BeFalse();
        stack.Unavailable("loki").Should().Be("no local command is known for loki");
    }
}
