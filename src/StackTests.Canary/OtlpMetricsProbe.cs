using System.Globalization;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>
/// Metrics through the Collector: entry N adds 1 to the OTLP counter stacktests.canary.entries with
/// the attribute seq=N, which the Collector's prometheus exporter serves as
/// stacktests_canary_entries_total{run_id, seq} for Prometheus to scrape (as the OTLP metrics
/// scenario reads stacktests_probe_total). Written against the Collector's documented behaviour;
/// not run against a Collector here.
/// </summary>
public sealed class OtlpMetricsProbe(IStack stack, string runId) : SignalProbe("otlp-metrics", stack)
{
    public const string Counter = "stacktests.canary.entries";
    private readonly SequenceLedger _ledger = new();

    private string Selector => $"stacktests_canary_entries_total{{{TestRun.IdLabel}=\"{runId}\"}}";

    private OtlpEmitter Collector => Client("otel-collector", "otlp-http", url => new OtlpEmitter(url, serviceName: SenderName, runId: runId));
    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, () => Collector.SendCounterAsync(Counter, 1,
            new Dictionary<string, object> { ["seq"] = sequence.ToString(CultureInfo.InvariantCulture) }, cancellationToken), cancellationToken);

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(MetricsProbe.Sequences(await Prometheus.QueryAsync(Selector, cancellationToken)), DateTimeOffset.UtcNow);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("otlp-metrics", _ledger)];
}
