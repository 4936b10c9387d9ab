using System.Globalization;
using System.Text.RegularExpressions;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>
/// Log lines pushed to Loki by the scenarios' LokiLogEmitter under {job="stacktests-canary", run_id},
/// each line "stacktests-canary seq=N run_id=R", read back with query_range over the run: a line seen twice is a
/// duplicate. A refused push is retried as the stack's own shipper retries (Alloy's loki.write:
/// backoff from 500 ms to 5 min, 10 retries), for at most the run's drain, so a restarted Loki shows
/// as entries refused while it was down, apart from entries it accepted and lost.
/// </summary>
public sealed class LogsProbe(IStack stack, string runId, TimeSpan drain) : SignalProbe("logs", stack)
{
    private const string Job = SenderName;
    private readonly SequenceLedger _ledger = new();
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-1);
    private static readonly Regex SequenceField = new(@"\bseq=(\d+)\b", RegexOptions.Compiled);

    public override RetryPolicy Retry { get; } = RetryPolicy.LokiWrite(drain);

    private LokiClient Loki => Client("loki", "http", url => new LokiClient(url, timeout: TimeSpan.FromSeconds(10)));

    private LokiLogEmitter Emitter => Client("loki", "http", _ => new LokiLogEmitter(Loki, Job, runId));

    // One timestamp per entry, whatever the tries: Loki drops a pushed-again line with the same
    // timestamp and text, so a retry of a push that did land is no duplicate.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        var time = DateTimeOffset.UtcNow;
        return BookAsync(_ledger, sequence, () => Emitter.SendAsync($"{SenderName} seq={sequence}", time: time, cancellationToken: cancellationToken),
            cancellationToken);
    }

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        // Loki's default max_entries_limit_per_query is 5000: longer runs see the first 5000 lines.
        var result = await Loki.QueryRangeAsync($"{{job=\"{Job}\", {TestRun.IdLabel}=\"{runId}\"}}", _from, DateTimeOffset.UtcNow.AddSeconds(5),
            limit: 5000, direction: "forward", cancellationToken: cancellationToken);
        _ledger.Observed(Sequences(result.Lines.Select(l => l.Line)), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<string> lines) =>
        lines.Select(l => SequenceField.Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("logs", _ledger)];
}
