namespace StackTests.Harness.Tests;

/// <summary>The config edits a local process needs where a flag cannot say it.</summary>
public sealed class LocalConfigEditTests
{
    private static readonly LocalContext Local = new("127.0.0.14", "/usr/bin/x", "/tmp/x", path => path);

    private static string Edit(string service, string text) => ServiceCatalog.Get(service).Local!.RewriteConfig!(Local, text);

    [Fact]
    public void Tempo_and_loki_listen_and_advertise_on_their_address()
    {
        const string config = "server:\n  http_listen_port: 3200\n\ncommon:\n  instance_addr: 127.0.0.1\n  path_prefix: /loki\n";
        Edit("tempo", config).Should().Be(
            "server:\n  http_listen_address: 127.0.0.14\n  grpc_listen_address: 127.0.0.14\n  http_listen_port: 3200\n\n" +
            "common:\n  instance_addr: 127.0.0.14\n  path_prefix: /loki\n");
        Edit("loki", "server:\n  http_listen_address: 0.0.0.0\n").Should().Be(
            "server:\n  grpc_listen_address: 127.0.0.14\n  http_listen_address: 127.0.0.14\n");
    }

    [Fact]
    public void Mosquitto_listeners_are_pinned_to_its_address()
    {
        Edit("mosquitto", "listener 1883\nallow_anonymous true\n\nlistener 9001 \n")
            .Should().Be("listener 1883 127.0.0.14\nallow_anonymous true\n\nlistener 9001 127.0.0.14\n");
    }

    [Fact]
    public void The_collectors_telemetry_host_becomes_its_address()
    {
        Edit("otel-collector", "readers:\n  - pull:\n      exporter:\n        prometheus:\n          host: 0.0.0.0\n          port: 8888\n")
            .Should().Contain("host: 127.0.0.14\n          port: 8888");
    }
}
