namespace StackTests.Harness;

/// <summary>
/// Which service exports a metric, by name prefix: what a dashboard query needs running to return
/// data. The longest matching prefix wins (loki_write_* is Alloy's, loki_* is Loki's).
/// </summary>
public static class ServiceMetrics
{
    private static readonly (string Prefix, string Service)[] Prefixes =
    [
        ("prometheus_", "prometheus"),
        ("alertmanager_", "alertmanager"),
        ("loki_write_", "alloy"), ("loki_source_", "alloy"), ("loki_process_", "alloy"), ("alloy_", "alloy"),
        ("loki_", "loki"),
        // Tempo's metrics generator writes span and service-graph metrics into Prometheus.
        ("tempo_", "tempo"), ("traces_", "tempo"),
        ("otelcol_", "otel-collector"),
        ("grafana_", "grafana"),
        ("node_", "node-exporter"),
        ("pushgateway_", "pushgateway"), ("push_time_seconds", "pushgateway"), ("push_failure_time_seconds", "pushgateway"),
        ("mqtt2prometheus_", "mqtt-exporter"), ("device_", "mqtt-exporter"),
        // The canary's figures (run-tests.sh canary --push-metrics) arrive through the Pushgateway.
        ("stacktests_canary_", "pushgateway"),
    ];

    /// <summary>The service that exports the metric, or null when no prefix is known (e.g. up, process_*).</summary>
    public static string? OwnerOf(string metric) =>
        Prefixes.Where(p => metric.StartsWith(p.Prefix, StringComparison.Ordinal))
            .OrderByDescending(p => p.Prefix.Length)
            .Select(p => p.Service)
            .FirstOrDefault();
}
