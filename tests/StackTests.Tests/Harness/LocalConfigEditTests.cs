using StackTests.Harness;
using System.Text.RegularExpressions;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>The config edits a local process needs where a flag cannot say it.</summary>
public sealed class LocalConfigEditTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);

    private static string Edit(string service, string text) =>
        ServiceCatalog.Local(service)!.RewriteConfig!(new LocalContext("127.0.0.14", "/usr/bin/x", "/tmp/x", path => path, Compose.Service(service).Port), text);

    [Fact]
    public void Loki_listens_and_advertises_on_its_address()
    {
        const string config = "server:\n  http_listen_port: 3100\n\ncommon:\n  instance_addr: 127.0.0.1\n  path_prefix: /loki\n";
        Edit("loki", config).Should().Be(
            "server:\n  http_listen_address: 127.0.0.14\n  grpc_listen_address: 127.0.0.14\n  http_listen_port: 3100\n\n" +
            "common:\n  instance_addr: 127.0.0.14\n  path_prefix: /loki\n");
        Edit("loki", "server:\n  http_listen_address: 0.0.0.0\n").Should().Be(
            "server:\n  grpc_listen_address: 127.0.0.14\n  http_listen_address: 127.0.0.14\n");
    }

    [Fact]
    public void Tempo_serves_http_on_its_address_and_grpc_on_127_0_0_1_where_single_binary_mode_dials_it()
    {
        Edit("tempo", "server:\n  http_listen_port: 3200\n  grpc_listen_port: 9095\n").Should().Be(
            "server:\n  http_listen_address: 127.0.0.14\n  grpc_listen_address: 127.0.0.1\n  http_listen_port: 3200\n  grpc_listen_port: 9095\n");
        Edit("tempo", "server:\n  grpc_listen_address: 0.0.0.0\n  http_listen_address: 0.0.0.0\n").Should().Be(
            "server:\n  grpc_listen_address: 127.0.0.1\n  http_listen_address: 127.0.0.14\n");
    }

    [Fact]
    public void A_server_block_with_a_comment_gets_the_addresses_and_no_second_server_block()
    {
        var edited = Edit("loki", "server: # dskit\n  http_listen_port: 3100\n");
        edited.Should().StartWith("server: # dskit\n  http_listen_address: 127.0.0.14\n  grpc_listen_address: 127.0.0.14\n");
        Regex.Matches(edited, "^server:", RegexOptions.Multiline).Should().HaveCount(1);
    }

    [Fact]
    public void The_grpc_port_tempo_keeps_on_127_0_0_1_is_the_one_composes_tempo_config_gives()
    {
        var config = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "compose", "tempo", "tempo.yaml"));
        var port = Regex.Match(config, @"^[ \t]+grpc_listen_port:[ \t]*(\d+)", RegexOptions.Multiline);
        port.Success.Should().BeTrue("compose/tempo/tempo.yaml sets server.grpc_listen_port");
        ServiceCatalog.Local("tempo")!.LoopbackPorts!.Select(Compose.Service("tempo").Port).Should().Equal(int.Parse(port.Groups[1].Value));
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

    [Theory]
    [InlineData("host: \"0.0.0.0\"", "host: \"127.0.0.14\"")]
    [InlineData("host: '0.0.0.0'", "host: '127.0.0.14'")]
    [InlineData("host: localhost", "host: 127.0.0.14")]
    [InlineData("host: 127.0.0.1", "host: 127.0.0.14")]
    [InlineData("host: \"::\"", "host: \"127.0.0.14\"")]
    [InlineData("host: otel-collector.example", "host: otel-collector.example")]
    public void Every_way_of_writing_the_collectors_own_telemetry_host_becomes_its_address(string line, string expected) =>
        Edit("otel-collector", $"readers:\n  - pull:\n      exporter:\n        prometheus:\n          {line}\n          port: 8888\n")
            .Should().Contain($"{expected}\n          port: 8888");
}
