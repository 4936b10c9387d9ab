using System.Diagnostics;
using StackTests.Harness;

namespace StackTests.Canary;

/// <summary>--restart: a service restarted at its time during the run, and the entries that restart cost.</summary>
public static class ServiceRestarts
{
    /// <summary>The restart at its time; null when the run was interrupted before it.</summary>
    public static async Task<RestartOutcome?> RunAsync(IStack stack, RestartPlan plan, Stopwatch clock, TextWriter output, CancellationToken cancellationToken)
    {
        var wait = plan.At - clock.Elapsed;
        if (wait > TimeSpan.Zero && !await Bounds.Interruptible(Task.Delay(wait, cancellationToken))) return null;
        var startedAt = DateTimeOffset.UtcNow;
        var took = Stopwatch.StartNew();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(120));
        try
        {
            await output.WriteLineAsync($"canary: restarting {plan.Service} at {CanaryOptions.Seconds(clock.Elapsed)}");
            await stack.RestartServiceAsync(plan.Service, bounded.Token);
            return new RestartOutcome(plan, startedAt, took.Elapsed, null, new Dictionary<string, int>());
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new RestartOutcome(plan, startedAt, took.Elapsed, e.Message, new Dictionary<string, int>());
        }
    }

    /// <summary>Entries sent from the restart's start until 1 s after it was ready again that no query ever saw, per signal row.</summary>
    public static IReadOnlyDictionary<string, int> Cost(RestartOutcome restart, IEnumerable<SignalProbe> probes)
    {
        if (restart.StartedAt is not { } from) return new Dictionary<string, int>();
        var to = from + (restart.Took ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1);
        return probes.SelectMany(p => p.Ledgers).ToDictionary(l => l.Name, l => l.Ledger.MissingEntries().Count(m => m.SentAt >= from && m.SentAt <= to));
    }
}
