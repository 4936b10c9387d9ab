using System.Globalization;
using System.Text.RegularExpressions;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>
/// Container logs through Alloy: one container of this run (LogWritingContainer) writes
/// "stacktests-canary run_id=R seq=N" at the canary's rate, Alloy ships them, and Loki is asked for
/// the writer's stream. The container paces itself, so an entry counts as sent at its scheduled
/// time. Needs a container provider; written against Alloy's and Loki's documented behaviour, not
/// run against them here.
/// </summary>
public sealed class ContainerLogsProbe(IStack stack, string runId, double rate, long planned) : SignalProbe("container-logs", stack)
{
    private readonly SequenceLedger _ledger = new();
    private readonly DateTimeOffset _from = DateTimeOffset.UtcNow.AddMinutes(-1);
    private LogWritingContainer? _writer;
    private DateTimeOffset _started;

    private LokiClient Loki => Client("loki", "http", url => new LokiClient(url, timeout: TimeSpan.FromSeconds(10)));

    // The writer numbers its lines from 1; the canary's entries from 0.
    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _writer = await LogWritingContainer.RunAsync($"{SenderName} {TestRun.IdLabel}={runId} seq-from-1=", (int)planned,
            TimeSpan.FromSeconds(1 / rate), cancellationToken);
        _started = DateTimeOffset.UtcNow;
    }

    // The container sends on its own; the entry is booked at the time it is due.
    public override Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        _ledger.Sent(sequence, _started + TimeSpan.FromSeconds(sequence / rate));
        return Task.CompletedTask;
    }

    private static readonly Regex Numbered = new(@"seq-from-1= (\d+)$", RegexOptions.Compiled);

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_writer is null) return;
        var result = await Loki.QueryRangeAsync(_writer.LokiSelector, _from, DateTimeOffset.UtcNow.AddSeconds(5),
            limit: 5000, direction: "forward", cancellationToken: cancellationToken);
        _ledger.Observed(result.Lines.Select(l => Numbered.Match(l.Line)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1), DateTimeOffset.UtcNow);
    }

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("container-logs", _ledger)];

    public override async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        await base.DisposeAsync();
    }
}
