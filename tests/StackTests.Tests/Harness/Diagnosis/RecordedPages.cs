namespace StackTests.Tests.Harness.Diagnosis;

/// <summary>
/// /metrics text shaped as each component serves it at the version compose.yaml pins: the names and
/// labels of the Collector's exporterhelper and receiverhelper metadata.yaml (open-telemetry/
/// opentelemetry-collector; its Prometheus reader adds "_total" and the otel_scope_* and service_*
/// labels) and of Alloy's loki.write client (grafana/alloy internal/component/common/loki/client/metrics.go).
/// Neither component runs here; these pages are what their sources say they serve.
/// </summary>
internal static class RecordedPages
{
    private const string Scope = "otel_scope_name=\"go.opentelemetry.io/collector/exporter/exporterhelper\",otel_scope_schema_url=\"\",otel_scope_version=\"\",service_instance_id=\"2f1c\",service_name=\"otelcol-contrib\",service_version=\"0.160.0\"";
    private const string ReceiverScope = "otel_scope_name=\"go.opentelemetry.io/collector/receiver/receiverhelper\",otel_scope_schema_url=\"\",otel_scope_version=\"\",service_instance_id=\"2f1c\",service_name=\"otelcol-contrib\",service_version=\"0.160.0\"";

    /// <summary>The Collector's page with its counters of one signal unit (spans, metric_points, log_records).</summary>
    public static string Collector(string unit, double accepted, double refused, params (string Exporter, double Sent, double Failed)[] exporters)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"# HELP otelcol_receiver_accepted_{unit}_total Number of {unit} successfully pushed into the pipeline. [Alpha]");
        text.AppendLine($"# TYPE otelcol_receiver_accepted_{unit}_total counter");
        text.AppendLine($"otelcol_receiver_accepted_{unit}_total{{{ReceiverScope},receiver=\"otlp\",transport=\"http\"}} {accepted}");
        text.AppendLine($"otelcol_receiver_accepted_{unit}_total{{{ReceiverScope},receiver=\"otlp\",transport=\"grpc\"}} 0");
        text.AppendLine($"# TYPE otelcol_receiver_refused_{unit}_total counter");
        text.AppendLine($"otelcol_receiver_refused_{unit}_total{{{ReceiverScope},receiver=\"otlp\",transport=\"http\"}} {refused}");
        foreach (var (exporter, sent, failed) in exporters)
        {
            text.AppendLine($"otelcol_exporter_sent_{unit}_total{{exporter=\"{exporter}\",{Scope}}} {sent}");
            text.AppendLine($"otelcol_exporter_send_failed_{unit}_total{{exporter=\"{exporter}\",{Scope}}} {failed}");
        }
        text.AppendLine("otelcol_process_uptime_seconds_total{service_instance_id=\"2f1c\",service_name=\"otelcol-contrib\",service_version=\"0.160.0\"} 42.5");
        return text.ToString();
    }

    /// <summary>A Collector page where nothing of the signal has gone through yet: the counters have no series at all.</summary>
    public const string CollectorIdle = "# TYPE otelcol_process_uptime_seconds_total counter\notelcol_process_uptime_seconds_total{service_name=\"otelcol-contrib\"} 3\n";

    public static string Tempo(double received, string tenant = "single-tenant") =>
        "# HELP tempo_distributor_spans_received_total The total number of spans received per tenant\n" +
        "# TYPE tempo_distributor_spans_received_total counter\n" +
        $"tempo_distributor_spans_received_total{{tenant=\"{tenant}\"}} {received}\n" +
        "tempo_build_info{branch=\"HEAD\",goversion=\"go1.25.1\",revision=\"abc\",version=\"2.10.8\"} 1\n";

    public static string Loki(double received, string tenant = "fake") =>
        "# TYPE loki_distributor_lines_received_total counter\n" +
        $"loki_distributor_lines_received_total{{tenant=\"{tenant}\"}} {received}\n";

    public static string Alloy(double sent, double dropped, double retries = 0, string reason = "ingester_error") =>
        "# HELP loki_write_sent_entries_total Number of log entries sent to the ingester.\n" +
        "# TYPE loki_write_sent_entries_total counter\n" +
        $"loki_write_sent_entries_total{{component_id=\"loki.write.default\",component_path=\"/\",host=\"loki:3100\",tenant=\"\"}} {sent}\n" +
        "# TYPE loki_write_dropped_entries_total counter\n" +
        $"loki_write_dropped_entries_total{{component_id=\"loki.write.default\",component_path=\"/\",host=\"loki:3100\",reason=\"{reason}\",tenant=\"\"}} {dropped}\n" +
        $"loki_write_batch_retries_total{{component_id=\"loki.write.default\",component_path=\"/\",host=\"loki:3100\",tenant=\"\"}} {retries}\n";
}
