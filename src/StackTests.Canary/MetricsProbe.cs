using System.Globalization;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>
/// Metrics through the Pushgateway: entry N is its own group (job, run_id, seq=N) holding
/// stacktests_canary_sequence = N, so Prometheus keeps one series per entry and a query on the
/// run id lists which entries arrived. Two series with one seq label are a duplicate.
/// </summary>
public sealed class MetricsProbe(IStack stack, string runId) : SignalProbe("metrics", stack)
{
    public const string Job = "stacktests-canary-metrics";
    public const string Metric = "stacktests_canary_sequence";
    private readonly SequenceLedger _ledger = new();

    private string Selector => $"{Metric}{{{TestRun.IdLabel}=\"{runId}\"}}";

    private PushgatewayEmitter Pushgateway => Client("pushgateway", "http", url => new PushgatewayEmitter(url, runId, TimeSpan.FromSeconds(5)));
    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, () => Pushgateway.PushAsync(Job, Grouping(sequence),
            [new PushedMetric(Metric, sequence, Help: "Entry number sent by the StackTests canary")], cancellationToken), cancellationToken);

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(Sequences(await Prometheus.QueryAsync(Selector, cancellationToken)), DateTimeOffset.UtcNow);

    public override async Task FinalAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var window = (long)Math.Ceiling((DateTimeOffset.UtcNow - runStart).TotalSeconds) + 60;
        _ledger.Observed(Sequences(await Prometheus.QueryAsync($"max_over_time({Selector}[{window}s])", cancellationToken)), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<Sample> samples) =>
        samples.Select(s => long.TryParse(s.Labels.GetValueOrDefault("seq"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("metrics", _ledger)];

    public override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        var pushgateway = Pushgateway;
        await Parallel.ForEachAsync(Enumerable.Range(0, _ledger.SentCount), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (n, token) =>
            {
                try
                {
                    await pushgateway.DeleteAsync(Job, Grouping(n), token);
                }
                catch (EmitterException)
                {
                    // What is left goes with the stack, or with the Pushgateway's own expiry on a shared one.
                }
            });
    }

    private static Dictionary<string, string> Grouping(long sequence) => new() { ["seq"] = sequence.ToString(CultureInfo.InvariantCulture) };
}
