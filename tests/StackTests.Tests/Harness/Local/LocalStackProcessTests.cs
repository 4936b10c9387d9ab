using StackTests.Harness;
using System.Net.Sockets;
using StackTests.Harness.Providers;
using StackTests.Settings;

namespace StackTests.Tests.Harness.Local;

/// <summary>
/// The real Debian components (Prometheus, Alertmanager, node exporter, Pushgateway, Mosquitto,
/// mqtt2prometheus) started from compose.yaml as local processes, once for this class.
/// </summary>
[Collection(LocalProcessesCollection.Name)]
[Trait("Tier", "integration")]
public sealed class LocalStackProcessTests(RunningLocalStack fixture, ITestOutputHelper output) : IClassFixture<RunningLocalStack>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private LocalStack Stack => fixture.Stack;
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private void RequireRunning(string service)
    {
        if (!Stack.IsAvailable(service)) Assert.Skip($"{service} is not available here: {Stack.Unavailable(service)}");
    }

    [Theory]
    [InlineData("prometheus", 9090, "/-/ready")]
    [InlineData("alertmanager", 9093, "/api/v2/status")]
    [InlineData("node-exporter", 9100, "/metrics")]
    [InlineData("pushgateway", 9091, "/-/ready")]
    [InlineData("mqtt-exporter", 9641, "/metrics")]
    public async Task A_started_component_answers_on_its_own_loopback_address(string service, int port, string path)
    {
        RequireRunning(service);
        var endpoint = Stack.Endpoint(service, "http");
        endpoint.Host.Should().Be(Stack.AddressOf(service));
        endpoint.Port.Should().Be(port, "compose's container port");
        using var response = await Http.GetAsync(new Uri(endpoint, path), Token);
        response.IsSuccessStatusCode.Should().BeTrue($"GET {endpoint}{path.TrimStart('/')} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Mosquitto_accepts_clients_and_could_write_its_persistence_folder()
    {
        RequireRunning("mosquitto");
        using var client = new TcpClient();
        await client.ConnectAsync(Stack.AddressOf("mosquitto"), 1883, Token);
        var logs = await Stack.LogsAsync("mosquitto", 50, Token);
        logs.Should().NotContain(line => line.Contains("Error", StringComparison.OrdinalIgnoreCase), "mosquitto dropped root for user mosquitto and must still read its config and data folder");
    }

    [Fact]
    public async Task Readings_of_the_simulated_devices_reach_the_mqtt_exporter_through_the_broker()
    {
        RequireRunning("device-simulator");
        RequireRunning("mqtt-exporter");
        var metrics = new Uri(Stack.Endpoint("mqtt-exporter", "http"), "/metrics");
        var body = await Eventually.UntilAsync(
            "a device reading on the mqtt exporter",
            $"GET {metrics}",
            token => Http.GetStringAsync(metrics, token),
            text => text.Contains("sensor=\"sensor-01\"", StringComparison.Ordinal),
            new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200)),
            text => text.Length > 300 ? text[..300] + "..." : text,
            Token);
        body.Should().Contain("device_temperature_celsius{");
    }

    [Fact]
    public void Services_without_a_local_binary_are_unavailable_with_the_reason()
    {
        foreach (var service in new[] { "loki", "tempo", "grafana", "alloy", "otel-collector" })
            if (BinaryFinder.Find(service) is null && !Stack.IsAvailable(service))
                Stack.Unavailable(service).Should().StartWith("binary '").And.EndWith("not found on PATH or in STACKTESTS_BIN_DIR");
    }

    [Fact]
    public async Task The_local_alert_sink_logs_the_webhooks_it_receives()
    {
        RequireRunning("alert-sink");
        var url = new Uri(Stack.Endpoint("alert-sink", "http"), "/alertmanager");
        var marker = Guid.NewGuid().ToString("N");
        using (var response = await Http.PostAsync(url, new StringContent($"{{\"alerts\":[{{\"labels\":{{\"marker\":\"{marker}\"}}}}]}}"), Token))
            response.IsSuccessStatusCode.Should().BeTrue();
        var lines = await Eventually.UntilAsync(
            "alert-sink to log the request",
            "the alert-sink service's log",
            token => Stack.LogsAsync("alert-sink", 50, token),
            logged => logged.Any(l => l.Contains(marker, StringComparison.Ordinal)),
            new EventuallyOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)),
            cancellationToken: Token);
        lines.Should().Contain(l => l.StartsWith("alert-sink: ", StringComparison.Ordinal) && l.Contains("/alertmanager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restarted_service_gets_a_new_process_is_ready_again_and_keeps_its_log()
    {
        RequireRunning("pushgateway");
        var before = Stack.ProcessIds.ToHashSet();
        await Stack.RestartServiceAsync("pushgateway", Token);

        Stack.RunningServices.Should().Contain("pushgateway");
        Stack.ProcessIds.Except(before).Should().ContainSingle("only pushgateway got a new process");
        before.Except(Stack.ProcessIds).Should().ContainSingle().Which.Should().Match(pid => !ProcessTable.IsAlive(pid));
        using var response = await Http.GetAsync(new Uri(Stack.Endpoint("pushgateway", "http"), "/-/ready"), Token);
        response.IsSuccessStatusCode.Should().BeTrue();
        var log = await File.ReadAllLinesAsync(Stack.LogFile("pushgateway")!, Token);
        log.Count(line => line.Contains("Starting pushgateway", StringComparison.OrdinalIgnoreCase)).Should().Be(2, "the log is appended across restarts");
    }

    [Fact]
    public async Task A_stopped_service_refuses_connections_until_started_again()
    {
        RequireRunning("node-exporter");
        await Stack.StopServiceAsync("node-exporter", Token);
        Stack.RunningServices.Should().NotContain("node-exporter");
        Stack.IsAvailable("node-exporter").Should().BeTrue("a stopped service still belongs to the stack");
        var refused = async () => await Http.GetAsync(new Uri(Stack.Endpoint("node-exporter", "http"), "/metrics"), Token);
        await refused.Should().ThrowAsync<HttpRequestException>();

        await Stack.StartServiceAsync("node-exporter", Token);
        Stack.RunningServices.Should().Contain("node-exporter");
        using var response = await Http.GetAsync(new Uri(Stack.Endpoint("node-exporter", "http"), "/metrics"), Token);
        response.IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task Stopping_a_script_service_also_ends_the_processes_it_started()
    {
        RequireRunning("device-simulator");
        var pid = Stack.ProcessIdOf("device-simulator")!.Value;
        await Eventually.UntilAsync("the simulator script to run a child (sleep or mosquitto_pub)", $"/proc: process group {pid}",
            _ => Task.FromResult(ProcessTable.GroupMembers(pid)), members => members.Count > 1,
            new EventuallyOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)), m => string.Join(",", m), Token);

        await Stack.StopServiceAsync("device-simulator", Token);

        ProcessTable.GroupMembers(pid).Should().BeEmpty("the script's children are stopped with it");
        await Stack.StartServiceAsync("device-simulator", Token);
        Stack.RunningServices.Should().Contain("device-simulator");
    }

    [Fact]
    public async Task Recent_logs_are_prefixed_with_the_service_and_diagnostics_cover_each_service()
    {
        RequireRunning("prometheus");
        var lines = await Stack.LogsAsync("prometheus", 5, Token);
        lines.Should().NotBeEmpty().And.HaveCountLessThanOrEqualTo(5).And.OnlyContain(l => l.StartsWith("prometheus: "));

        var report = await StackDiagnostics.RecentLogsAsync(Stack, ["prometheus", "loki"], 3, Token);
        report.Should().Contain($"--- prometheus (full log: {Stack.LogFile("prometheus")})").And.Contain("prometheus: ");
        report.Should().Contain($"loki: not available from the local stack: {Stack.Unavailable("loki")}");
    }

    [Fact]
    public async Task A_second_stack_on_the_same_addresses_fails_naming_the_service_and_address()
    {
        RequireRunning("prometheus");
        await using var second = new LocalStack(fixture.Compose, ["core"], fixture.RunDirectory + "-second", RunningLocalStack.Loopback);
        var start = () => second.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>())
            .WithMessage($"*prometheus: port {Stack.AddressOf("prometheus")}:9090 is already in use*");
    }

    [Fact]
    public void Benchmark_start_to_all_ready_against_the_slowest_component()
    {
        var own = Stack.ReadyAfter;
        own.Keys.Should().BeEquivalentTo(Stack.RunningServices, "every started service's readiness was timed");
        var slowest = own.MaxBy(r => r.Value);
        var total = Stack.StartedIn!.Value;
        total.Should().BeGreaterThanOrEqualTo(slowest.Value);
        foreach (var (service, time) in own.OrderBy(r => r.Value))
            output.WriteLine($"{service,-18} ready {time.TotalMilliseconds,7:0} ms after its process start");
        output.WriteLine($"all ready {total.TotalMilliseconds:0} ms after StartAsync; slowest single component {slowest.Key} " +
                         $"{slowest.Value.TotalMilliseconds:0} ms; overhead {(total - slowest.Value).TotalMilliseconds:0} ms");
    }
}
