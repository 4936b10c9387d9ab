using StackTests.Harness;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;
using StackTests.Tests.Harness.Clients;

namespace StackTests.Tests.Harness.Emitters;

[Trait("Tier", "integration")]
public sealed class MqttEmitterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Readings_payload_carries_the_run_id()
    {
        MqttEmitter.BuildReadingsPayload(new Dictionary<string, double> { ["temperature"] = 21.5, ["humidity"] = 40 }, "run-1")
            .Should().Be("""{"temperature":21.5,"humidity":40,"run_id":"run-1"}""");
    }

    [Fact]
    public async Task An_unreachable_broker_fails_naming_it()
    {
        var port = LocalComponent.FreePort();
        await using var emitter = new MqttEmitter("127.0.0.1", port, "run-1", TimeSpan.FromSeconds(3));
        var publish = () => emitter.PublishAsync("t", "p", cancellationToken: Token);
        (await publish.Should().ThrowAsync<EmitterException>()).Which.Message.Should().StartWith($"publishing to MQTT broker 127.0.0.1:{port} ");
    }

    // End to end on the real IoT pair: mosquitto, then mqtt2prometheus turning the JSON readings into a gauge, read from a
    // Prometheus scraping it as the stack's does
    // (config keys as in hikhvar/mqtt2prometheus config.yaml.dist; the device id is the last topic segment).
    [Fact]
    public async Task Readings_reach_mqtt2prometheus_through_a_real_mosquitto()
    {
        var mosquittoBinary = LocalComponent.RequireBinary("mosquitto", "mosquitto");
        var exporterBinary = LocalComponent.RequireBinary("prometheus-mqtt-exporter", "prometheus-mqtt-exporter");
        var brokerPort = LocalComponent.FreePort();
        var broker = await StartBrokerAsync(mosquittoBinary, brokerPort);
        await using var _ = broker;
        var exporterConfig = $$"""
            mqtt:
              server: tcp://127.0.0.1:{{brokerPort}}
              topic_path: stacktests/sensors/+
              device_id_regex: "stacktests/sensors/(?P<deviceid>.*)"
              qos: 0
            cache:
              timeout: 1h
            metrics:
              - prom_name: stacktests_temperature_celsius
                mqtt_name: temperature
                help: Temperature reading
                type: gauge
                omit_timestamp: true
            """;
        await using var exporter = await LocalComponent.StartAsync("mqtt2prometheus", exporterBinary,
            (port, dir) => ["-config", $"{dir}/config.yaml", "-listen-address", "127.0.0.1", "-listen-port", port.ToString()],
            new Dictionary<string, string> { ["config.yaml"] = exporterConfig }, readyPath: "metrics");

        var runId = $"run-{Guid.NewGuid():N}";
        await using var emitter = new MqttEmitter("127.0.0.1", brokerPort, runId, TimeSpan.FromSeconds(5));
        await using var prometheus = await ScrapingPrometheus.StartAsync("mqtt-exporter", exporter.BaseUrl);
        var client = new PrometheusClient(prometheus.BaseUrl, TimeSpan.FromSeconds(5));
        var query = $"stacktests_temperature_celsius{{sensor=\"{runId}\"}}";
        var topic = $"stacktests/sensors/{runId}";
        // Retained: the exporter may subscribe a moment after its HTTP port opens and still gets the reading.
        await emitter.PublishReadingsAsync(topic, new Dictionary<string, double> { ["temperature"] = 21.5 }, retain: true, Token);
        var seen = await Eventually.UntilAsync($"{query} to be scraped from mqtt2prometheus", $"GET {prometheus.BaseUrl}api/v1/query?query={query}",
            t => client.QueryAsync(query, t),
            found => found.Count == 1, new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250)), cancellationToken: Token);
        seen[0].Value.Should().Be(21.5);
        seen[0].Labels["topic"].Should().Be(topic);
    }

    // One kept connection: mosquitto logs each client's CONNECT as "New client connected".
    [Fact]
    public async Task Publishes_share_one_connection_and_a_publish_after_the_broker_restarted_connects_again()
    {
        var binary = LocalComponent.RequireBinary("mosquitto", "mosquitto");
        var port = LocalComponent.FreePort();
        await using var emitter = new MqttEmitter("127.0.0.1", port, "run-1", TimeSpan.FromSeconds(5));
        await using (var first = await StartBrokerAsync(binary, port))
        {
            await emitter.PublishAsync("stacktests/t", "1", cancellationToken: Token);
            await emitter.PublishAsync("stacktests/t", "2", cancellationToken: Token);
            first.ClientsConnected.Should().Be(1);
        }
        await using var second = await StartBrokerAsync(binary, port);
        await emitter.PublishAsync("stacktests/t", "3", cancellationToken: Token);
        second.ClientsConnected.Should().Be(1);
    }

    private static async Task<LocalBroker> StartBrokerAsync(string binary, int port)
    {
        var directory = Directory.CreateTempSubdirectory("stacktests-mosquitto-").FullName;
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\n");
        var process = ServiceProcess.Start("mosquitto", binary, ["-c", config], directory, Path.Combine(directory, "mosquitto.log"));
        await Eventually.UntilAsync($"mosquitto to listen on 127.0.0.1:{port}", $"TCP connect 127.0.0.1:{port}",
            async t =>
            {
                if (process.HasExited) throw new PollingAbortedException($"mosquitto {process.ExitDescription}: {string.Join("\n", process.RecentOutput())}");
                using var tcp = new System.Net.Sockets.TcpClient();
                try { await tcp.ConnectAsync("127.0.0.1", port, t); return true; }
                catch (System.Net.Sockets.SocketException) { return false; }
            },
            up => up, new EventuallyOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)));
        return new LocalBroker(process, directory);
    }

    private sealed class LocalBroker(ServiceProcess process, string directory) : IAsyncDisposable
    {
        public int ClientsConnected => process.RecentOutput(200).Count(l => l.Contains("New client connected", StringComparison.Ordinal));

        public async ValueTask DisposeAsync()
        {
            await process.DisposeAsync();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
