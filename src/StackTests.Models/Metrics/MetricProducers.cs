using StackTests.Models.Prometheus;

namespace StackTests.Models.Metrics;

/// <summary>
/// A component that exposes metrics for Prometheus to scrape, recognised by its image (the last
/// part of the repository) or its service name, and the names it produces: prefixes and exact names.
/// Pushed: the names exist only while someone pushes them (the Pushgateway keeps what clients send).
/// </summary>
public sealed record MetricProducer(string Component, string[] Images, string[] Prefixes, string[] Names, bool Pushed, string Source)
{
    /// <summary>The compose service this component is (Component up to its first space: "pushgateway (pushed)" is the pushgateway's).</summary>
    public string Service => Component.Split(' ')[0];

    /// <summary>How closely this producer claims the name: past any prefix for an exact name, else its longest matching prefix; 0 for none.</summary>
    public int Claim(string metric) =>
        Names.Contains(metric, StringComparer.Ordinal) ? metric.Length + 1
        : Prefixes.Where(p => metric.StartsWith(p, StringComparison.Ordinal)).Select(p => p.Length).DefaultIfEmpty(0).Max();
}

/// <summary>The metric names each component of the stack produces, from each component's own sources.</summary>
public static class MetricProducers
{
    /// <summary>client_golang's Go runtime, process and handler collectors, which every Go component registers.</summary>
    private static readonly string[] GoRuntime = ["go_", "process_", "promhttp_"];

    public static readonly IReadOnlyList<MetricProducer> Table =
    [
        new("prometheus", ["prometheus"], [.. GoRuntime, "prometheus_", "net_conntrack_"], [], false,
            "prometheus/prometheus: prometheus_* (tsdb, rules, scrape, notifications), net_conntrack_* of prometheus/common's HTTP client"),
        new("alertmanager", ["alertmanager"], [.. GoRuntime, "alertmanager_", "net_conntrack_"], [], false,
            "prometheus/alertmanager: alertmanager_* (notify, dispatch, silences, cluster)"),
        new("node-exporter", ["node-exporter", "node_exporter"], [.. GoRuntime, "node_"], [], false,
            "prometheus/node_exporter: every collector's metrics are node_*"),
        new("pushgateway", ["pushgateway"], [.. GoRuntime, "pushgateway_"], [], false,
            "prometheus/pushgateway: pushgateway_* about itself"),
        new("pushgateway (pushed)", ["pushgateway"], ["stacktests_canary_"], ["push_time_seconds", "push_failure_time_seconds", AlertProbe.Metric], true,
            "prometheus/pushgateway storage/diskmetricstore.go: push_time_seconds, push_failure_time_seconds per pushed group; " +
            "this project's pushes: the canary's stacktests_canary_* (--push-metrics) and the alert probe's metric"),
        new("loki", ["loki"], [.. GoRuntime, "loki_"], [], false,
            "grafana/loki: loki_* (distributor, ingester, request_duration_seconds, ...)"),
        new("tempo", ["tempo"], [.. GoRuntime, "tempo_", "tempodb_"], [], false,
            "grafana/tempo: tempo_* and tempodb_*"),
        new("otel-collector", ["opentelemetry-collector", "opentelemetry-collector-contrib", "otelcol", "otelcol-contrib"], ["otelcol_"], ["target_info"], false,
            "open-telemetry/opentelemetry-collector: internal telemetry otelcol_* (exporterhelper, receiverhelper, processorhelper)"),
        new("alloy", ["alloy"], [.. GoRuntime, "alloy_", "loki_source_", "loki_write_", "loki_process_", "prometheus_", "discovery_"], [], false,
            "grafana/alloy: alloy_* and its components' metrics, e.g. internal/component/loki/source/docker/metrics.go " +
            "loki_source_docker_target_entries_total, loki.write's loki_write_sent_entries_total / loki_write_dropped_entries_total"),
        new("grafana", ["grafana", "grafana-enterprise", "grafana-oss"], [.. GoRuntime, "grafana_"], [], false,
            "grafana/grafana: grafana_* (http_request_duration_seconds, ...)"),
        new("mqtt-exporter", ["mqtt2prometheus"], [.. GoRuntime, "mqtt2prometheus_"], [], false,
            "hikhvar/mqtt2prometheus pkg/metrics/instrumentation.go: mqtt2prometheus_connected, mqtt2prometheus_received_messages; " +
            "the metrics of its config (prom_name) are added from the config"),
    ];

    /// <summary>Series Prometheus writes itself for every scrape (docs: jobs and instances, automatically generated labels and time series).</summary>
    public static readonly MetricProducer Scrape = new("scrape", [], ["scrape_"], ["up"], false, "Prometheus: up and scrape_* for every target");

    /// <summary>Series Prometheus writes for its alerting rules (docs: alerting rules, inspecting alerts during runtime).</summary>
    public static readonly MetricProducer Alerts = new("alerting rules", [], [], ["ALERTS", "ALERTS_FOR_STATE"], false, "Prometheus: ALERTS and ALERTS_FOR_STATE of alerting rules");

    /// <summary>
    /// Tempo's metrics generator, remote-written to Prometheus: grafana/tempo
    /// modules/generator/processor/spanmetrics/spanmetrics.go (traces_spanmetrics_calls_total, _latency, _size_total,
    /// traces_target_info), servicegraphs/servicegraphs.go (traces_service_graph_*), hostinfo (traces_host_info).
    /// </summary>
    public static readonly MetricProducer TempoGenerator = new("tempo metrics generator", [], ["traces_spanmetrics_", "traces_service_graph_"],
        ["traces_target_info", "traces_host_info"], false, "grafana/tempo modules/generator/processor");

    /// <summary>
    /// The compose service whose metric this is, by the closest claim of the table and Tempo's generator (and of any
    /// producers given, e.g. a config's metrics); on a tie the first in the table (prometheus_* is Prometheus', though
    /// Alloy has some). Null when nothing claims it but Prometheus' own series (up) or the Go runtime every component has.
    /// </summary>
    public static string? OwnerOf(string metric, IEnumerable<MetricProducer>? more = null) =>
        Table.Append(TempoGenerator).Concat(more ?? [])
            .Select(p => (p.Service, Claim: (p with { Prefixes = [.. p.Prefixes.Except(GoRuntime)] }).Claim(metric)))
            .Where(p => p.Claim > 0)
            .OrderByDescending(p => p.Claim) // stable: a tie keeps table order
            .Select(p => p.Service)
            .FirstOrDefault();

    /// <summary>The producer of a compose service, by its image, else by its service name; null for a component with no metrics here.</summary>
    public static IEnumerable<MetricProducer> Of(string service, string? image)
    {
        var repository = image is null ? null : image.Split('@')[0].Split('/')[^1].Split(':')[0];
        var byImage = Table.Where(p => repository is not null && p.Images.Contains(repository, StringComparer.Ordinal)).ToList();
        return byImage.Count > 0 ? byImage : Table.Where(p => p.Component == service || p.Component.StartsWith(service + " ", StringComparison.Ordinal));
    }
}
