using StackTests.Harness.Clients;
namespace StackTests.Harness.Diagnosis;

/// <summary>What the Collector counted of one signal: at its receivers, and per exporter.</summary>
public sealed record CollectorCounts(double? Accepted, double? Refused, IReadOnlyList<ExporterCounts> Exporters, string? Unreadable)
{
    public double Sent => Exporters.Sum(e => e.Sent ?? 0);
    public double Failed => Exporters.Sum(e => e.Failed ?? 0);
}

public sealed record ExporterCounts(string Exporter, double? Sent, double? Failed);

/// <summary>What a backend's distributor counted: in all, and per tenant.</summary>
public sealed record IngestCounts(double? Received, IReadOnlyDictionary<string, double> ByTenant, double? Refused, IReadOnlyDictionary<string, double> Discarded, string? Unreadable);

/// <summary>
/// The counters of each component, by their names at the versions compose.yaml pins:
/// - OpenTelemetry Collector (core, receiverhelper and exporterhelper metadata.yaml of
///   open-telemetry/opentelemetry-collector): otelcol_receiver_accepted_{spans,metric_points,log_records},
///   otelcol_receiver_refused_*, otelcol_exporter_sent_*, otelcol_exporter_send_failed_* (label
///   "exporter", e.g. otlp_grpc/tempo), served with a "_total" suffix by its Prometheus reader;
/// - Tempo (grafana/tempo modules/distributor/distributor.go): tempo_distributor_spans_received_total
///   {tenant}; its embedded OTLP receiver's tempo_receiver_refused_spans (modules/distributor/receiver/metrics_provider.go);
///   tempo_discarded_spans_total{reason} (modules/overrides/discarded_spans.go);
/// - Loki (grafana/loki pkg/loghttp/push/push.go, counted as a push or OTLP request is read, before
///   validation): loki_distributor_lines_received_total{tenant, format},
///   loki_discarded_samples_total{reason} (pkg/validation/validate.go);
/// - Alloy (grafana/alloy internal/component/common/loki/client/metrics.go): loki_write_sent_entries_total,
///   loki_write_dropped_entries_total{reason}, loki_write_batch_retries_total.
/// </summary>
public static class ComponentHops
{
    public const string Collector = "otel-collector";
    public const string Tempo = "tempo";
    public const string Loki = "loki";
    public const string Alloy = "alloy";

    public static readonly CounterSource CollectorMetrics = new(Collector, "metrics");
    public static readonly CounterSource TempoMetrics = new(Tempo, "http");
    public static readonly CounterSource LokiMetrics = new(Loki, "http");
    public static readonly CounterSource AlloyMetrics = new(Alloy, "http");

    public const string TempoReceived = "tempo_distributor_spans_received_total";
    public const string TempoRefused = "tempo_receiver_refused_spans";
    public const string TempoDiscarded = "tempo_discarded_spans_total";
    public const string LokiReceived = "loki_distributor_lines_received_total";
    public const string LokiDiscarded = "loki_discarded_samples_total";
    public const string AlloySent = "loki_write_sent_entries_total";
    public const string AlloyDropped = "loki_write_dropped_entries_total";
    public const string AlloyRetries = "loki_write_batch_retries_total";

    /// <summary>The Collector's counters of one signal ("spans", "metric_points", "log_records").</summary>
    public static CollectorCounts CollectorOf(CounterSnapshot before, CounterSnapshot after, string unit)
    {
        string Receiver(string what) => $"otelcol_receiver_{what}_{unit}";
        string Exporter(string what) => $"otelcol_exporter_{what}_{unit}";
        var exporters = LabelValues(before, after, Collector, "exporter", Exporter("sent"), Exporter("send_failed"))
            .Select(name => new ExporterCounts(name,
                Delta(before, after, Collector, Exporter("sent"), l => l.GetValueOrDefault("exporter") == name),
                Delta(before, after, Collector, Exporter("send_failed"), l => l.GetValueOrDefault("exporter") == name)))
            .ToList();
        return new CollectorCounts(
            Delta(before, after, Collector, Receiver("accepted")), Delta(before, after, Collector, Receiver("refused")),
            exporters, Unreadable(before, after, Collector));
    }

    public static IngestCounts TempoOf(CounterSnapshot before, CounterSnapshot after) =>
        IngestOf(before, after, Tempo, TempoReceived, TempoRefused, TempoDiscarded);

    public static IngestCounts LokiOf(CounterSnapshot before, CounterSnapshot after) =>
        IngestOf(before, after, Loki, LokiReceived, null, LokiDiscarded);

    private static IngestCounts IngestOf(CounterSnapshot before, CounterSnapshot after, string service, string received, string? refused, string discarded)
    {
        var byTenant = LabelValues(before, after, service, "tenant", received)
            .ToDictionary(t => t, t => Delta(before, after, service, received, l => l.GetValueOrDefault("tenant") == t) ?? 0);
        var discards = LabelValues(before, after, service, "reason", discarded)
            .ToDictionary(r => r, r => Delta(before, after, service, discarded, l => l.GetValueOrDefault("reason") == r) ?? 0);
        return new IngestCounts(Delta(before, after, service, received), byTenant.Where(t => t.Value > 0).ToDictionary(),
            refused is null ? null : Delta(before, after, service, refused), discards.Where(d => d.Value > 0).ToDictionary(),
            Unreadable(before, after, service));
    }

    /// <summary>"Tempo's distributor received 3 spans (tenant single-tenant)", and what it refused or discarded.</summary>
    public static string Describe(string component, IngestCounts counts, string unit, string receivedMetric, string? queriedTenant = null)
    {
        if (counts.Unreadable is { } why) return $"{component}'s own metrics could not be read ({why})";
        var text = $"{component}'s distributor received {N(counts.Received)} {unit} ({receivedMetric})";
        if (counts.ByTenant.Count > 0) text += $", tenant {string.Join(", ", counts.ByTenant.Select(t => $"\"{t.Key}\" {N(t.Value)}"))}";
        if (counts.Refused is > 0) text += $"; its OTLP receiver refused {N(counts.Refused)}";
        if (counts.Discarded.Count > 0) text += $"; it discarded {string.Join(", ", counts.Discarded.Select(d => $"{N(d.Value)} ({d.Key})"))}";
        if (queriedTenant is not null && counts.ByTenant.Count > 0 && !counts.ByTenant.ContainsKey(queriedTenant))
            text += $"; the query asked tenant \"{queriedTenant}\", which received none";
        return text;
    }

    /// <summary>
    /// The verdict on a signal sent to a backend directly: the backend is down, never got it, stored it
    /// under another tenant than the one queried, or took it (then its query side failed).
    /// </summary>
    public static string IngestVerdict(string component, IngestCounts counts, string unit, string receivedMetric, string? queriedTenant)
    {
        var text = Describe(component, counts, unit, receivedMetric, queriedTenant);
        return counts.Unreadable is not null ? $"{text}: {component} is down, or not at the address the suite uses"
            : counts.Received is 0 ? $"{text}: the {unit} never reached this {component} (sent to another address or port, or refused before its distributor)"
            : queriedTenant is not null && counts.ByTenant.Count > 0 && !counts.ByTenant.ContainsKey(queriedTenant)
                ? $"{text}: the {unit} are stored under another tenant than the one queried"
            : $"{text}: {component} took the {unit}, so what failed is its query side or what the step checked";
    }

    /// <summary>The verdict on a signal through the Collector to a backend: the first hop that did not pass it on.</summary>
    public static string CollectorThenBackendVerdict(CollectorCounts collector, string unit, string backend, IngestCounts counts, string backendUnit, string receivedMetric)
    {
        var what = unit.Replace('_', ' ');
        var text = Describe(backend, counts, backendUnit, receivedMetric);
        var exporters = string.Join(", ", collector.Exporters.Where(e => e.Sent > 0).Select(e => e.Exporter));
        return CollectorVerdict(collector, unit, text)
            ?? (counts.Unreadable is not null ? $"the Collector sent {N(collector.Sent)} {what} ({exporters}); {text}: {backend} is down or not where the Collector sends"
                : counts.Received is 0 ? $"the Collector sent {N(collector.Sent)} {what} ({exporters}) and {text}: they went to another endpoint than this {backend}"
                : $"the Collector sent {N(collector.Sent)} {what} and {text}: they reached {backend}, so what failed is {backend}'s query side or what the step checked");
    }

    /// <summary>The Collector hops of a signal as lines: receiver, then each exporter.</summary>
    public static IEnumerable<HopCount> CollectorHops(CollectorCounts counts, string unit)
    {
        yield return new HopCount(Collector, $"receivers accepted {unit.Replace('_', ' ')}", counts.Accepted, $"otelcol_receiver_accepted_{unit}", counts.Unreadable);
        yield return new HopCount(Collector, $"receivers refused {unit.Replace('_', ' ')}", counts.Refused, $"otelcol_receiver_refused_{unit}", counts.Unreadable);
        foreach (var exporter in counts.Exporters)
        {
            yield return new HopCount(Collector, $"exporter {exporter.Exporter} sent", exporter.Sent, $"otelcol_exporter_sent_{unit}", counts.Unreadable);
            yield return new HopCount(Collector, $"exporter {exporter.Exporter} failed to send", exporter.Failed, $"otelcol_exporter_send_failed_{unit}", counts.Unreadable);
        }
    }

    /// <summary>
    /// The verdict on the Collector's part of a pipeline, or null when it passed the signal on
    /// (then the next hop decides).
    /// </summary>
    public static string? CollectorVerdict(CollectorCounts counts, string unit, string nextHop)
    {
        var what = unit.Replace('_', ' ');
        if (counts.Unreadable is { } why) return $"the Collector's own metrics could not be read ({why})";
        if (counts.Accepted is 0 && counts.Refused is 0)
            return $"the Collector's receivers accepted no {what} (otelcol_receiver_accepted_{unit} unchanged): the signal never reached the Collector";
        if (counts.Refused > 0 && counts.Accepted is 0)
            return $"the Collector refused {N(counts.Refused)} {what} at its receiver (otelcol_receiver_refused_{unit}): the memory limiter or a bad request";
        var failed = counts.Exporters.Where(e => e.Failed > 0).ToList();
        if (counts.Sent == 0 && failed.Count > 0)
            return $"the Collector accepted {N(counts.Accepted)} {what} and failed to send " +
                   string.Join(", ", failed.Select(e => $"{N(e.Failed)} to {e.Exporter}")) + $" (otelcol_exporter_send_failed_{unit}); {nextHop}";
        if (counts.Sent == 0)
            return $"the Collector accepted {N(counts.Accepted)} {what} and has neither sent nor failed to send any (otelcol_exporter_sent_{unit}, " +
                   $"otelcol_exporter_send_failed_{unit} unchanged): they are still batched, queued or retried in the Collector";
        return null;
    }

    private static double? Delta(CounterSnapshot before, CounterSnapshot after, string service, string metric,
        Func<IReadOnlyDictionary<string, string>, bool>? where = null) => DeltaOf(before, after, service, metric, where);

    /// <summary>
    /// How much a counter grew between the snapshots (its series summed, filtered); a counter with no
    /// series yet counts 0 (components create many only at their first increment); one that went down
    /// was reset by a restart, and counts from 0. Null when either page could not be read.
    /// </summary>
    internal static double? DeltaOf(CounterSnapshot before, CounterSnapshot after, string service, string metric,
        Func<IReadOnlyDictionary<string, string>, bool>? where = null)
    {
        if (before.Page(service) is not { } first || after.Page(service) is not { } second) return null;
        var from = first.Sum(metric, where);
        var to = second.Sum(metric, where);
        return to >= from ? to - from : to;
    }

    internal static string? Unreadable(CounterSnapshot before, CounterSnapshot after, string service) =>
        after.Unreadable(service) is { } now ? $"after: {now}" : before.Unreadable(service) is { } then ? $"before: {then}" : null;

    internal static IReadOnlyList<string> LabelValues(CounterSnapshot before, CounterSnapshot after, string service, string label, params string[] metrics) =>
        new[] { before, after }.Select(s => s.Page(service)).OfType<MetricsPage>()
            .SelectMany(p => metrics.SelectMany(m => p.SumBy(m, label).Keys)).Distinct().Order(StringComparer.Ordinal).ToList();

    internal static string N(double? n) => n is { } v ? HopCount.Format(v) : "an unknown number of";
}
