using StackTests.Harness.Clients;
using StackTests.Harness.Diagnosis;

namespace StackTests.Tests.Harness.Diagnosis;

public sealed class IotPipelineDiagnosisTests
{
    private const string Topic = "devices/run-rec/telemetry";

    private static readonly ScrapeOfJob ScrapeUp = new("mqtt-exporter",
        [new ScrapeTarget(new Dictionary<string, string> { ["job"] = "mqtt-exporter" }, "http://127.0.4.15:9641/metrics", "up", "")], 30);

    private static IotPipelineDiagnosis.Facts Facts(string before, string? after, string metric = "device_humidity_percent", ScrapeOfJob? scrape = null, bool inPrometheus = false) =>
        new(Topic, "sensor", "run-rec", metric, MetricsPage.Parse(before), after is null ? null : MetricsPage.Parse(after),
            after is null ? "mqtt2prometheus GET /metrics could not be reached at http://127.0.4.15:9641: Connection refused" : null,
            scrape ?? ScrapeUp, inPrometheus);

    [Fact]
    public void A_renamed_metric_is_named_with_what_the_exporter_exposes_instead()
    {
        var text = IotPipelineDiagnosis.Describe(Facts(Recorded.ExporterBefore, Recorded.ExporterAfterRenamed));
        text.Should().StartWith("Where the reading stopped: at mqtt2prometheus: it has no device_humidity_percent for sensor=\"run-rec\"");
        text.Should().Contain("connected to the broker (mqtt2prometheus_connected 1)")
            .And.Contain("received_messages{topic=\"devices/run-rec/telemetry\"} rose by 1 (1 with status=\"success\")")
            .And.Contain("it exposes for sensor=\"run-rec\": device_battery_volts, device_humidity_ratio, device_temperature_celsius");
    }

    [Fact]
    public void An_exporter_that_received_nothing_is_named()
    {
        const string idle = "mqtt2prometheus_connected 1\nreceived_messages{status=\"success\",topic=\"devices/other/telemetry\"} 4\n";
        IotPipelineDiagnosis.Describe(Facts(idle, idle)).Should()
            .StartWith("Where the reading stopped: before mqtt2prometheus: it received no message on devices/run-rec/telemetry");
    }

    [Fact]
    public void A_disconnected_exporter_is_named()
    {
        IotPipelineDiagnosis.Describe(Facts(Recorded.ExporterBefore, "mqtt2prometheus_connected 0\n")).Should()
            .StartWith("Where the reading stopped: at mqtt2prometheus, which is not connected to the broker");
    }

    [Fact]
    public void A_failing_scrape_is_named_with_the_target_s_error()
    {
        var down = new ScrapeOfJob("mqtt-exporter",
            [new ScrapeTarget(new Dictionary<string, string> { ["job"] = "mqtt-exporter" }, "http://127.0.4.15:19641/metrics", "down", "connection refused")], 0);
        var text = IotPipelineDiagnosis.Describe(Facts(Recorded.ExporterBefore, Recorded.ExporterAfterRenamed, "device_temperature_celsius", down));
        text.Should().StartWith("Where the reading stopped: between mqtt2prometheus and Prometheus: the scrape of job mqtt-exporter fails")
            .And.Contain("http://127.0.4.15:19641/metrics down (connection refused)");
    }

    [Fact]
    public void An_unreadable_exporter_is_said_so()
    {
        IotPipelineDiagnosis.Describe(Facts(Recorded.ExporterBefore, null)).Should()
            .StartWith("Where the reading stopped: mqtt2prometheus' /metrics could not be read (mqtt2prometheus GET /metrics could not be reached");
    }

    [Fact]
    public void The_newer_name_of_the_received_counter_is_read_too()
    {
        const string after = "mqtt2prometheus_connected 1\nmqtt2prometheus_received_messages_total{status=\"storeError\",topic=\"devices/run-rec/telemetry\"} 1\n";
        IotPipelineDiagnosis.Describe(Facts(Recorded.ExporterBefore, after)).Should()
            .StartWith("Where the reading stopped: at mqtt2prometheus: it received 1 messages on devices/run-rec/telemetry and stored none");
    }
}
