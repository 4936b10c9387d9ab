using StackTests.Models.Metrics;

namespace StackTests.Harness;

/// <summary>
/// Which service exports a metric: what a dashboard query needs running to return data. One table,
/// MetricProducers (the closest claim wins: loki_write_* is Alloy's, loki_* is Loki's), with the
/// metrics mqtt2prometheus' config (as compose mounts it) makes of the devices' readings.
/// </summary>
public static class ServiceMetrics
{
    /// <summary>The service that exports the metric, or null when none does by name (e.g. up, process_*).</summary>
    public static string? OwnerOf(string metric) => MetricProducers.OwnerOf(metric, [MountedConfigs.MqttExporter.Producer]);
}
