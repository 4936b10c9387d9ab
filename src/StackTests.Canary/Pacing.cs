using System.Diagnostics;

namespace StackTests.Canary;

/// <summary>
/// Sends tick N (entry N through every probe) at N / rate seconds; a tick that falls behind is
/// sent at once, and how far behind the canary fell is the lag. At most 256 sends are in flight.
/// </summary>
public static class Pacing
{
    public static async Task<EmitterFigures> EmitAsync(IReadOnlyList<SignalProbe> probes, CanaryOptions options, Stopwatch clock, CancellationToken cancellationToken)
    {
        // With no signal the stack can serve there is nothing to send: the run ends at once, unmeasured.
        var planned = probes.Count == 0 ? 0 : (long)Math.Ceiling(options.Duration.TotalSeconds * options.Rate);
        var inFlight = new SemaphoreSlim(256);
        var sends = new List<Task>();
        var maxLag = TimeSpan.Zero;
        var interval = TimeSpan.FromSeconds(Math.Clamp(1 / options.Rate, 0.001, 0.05));
        using var timer = new PeriodicTimer(interval);
        long next = 0;
        var start = clock.Elapsed;
        while (next < planned && !cancellationToken.IsCancellationRequested)
        {
            var due = Math.Min(planned, (long)Math.Floor((clock.Elapsed - start).TotalSeconds * options.Rate) + 1);
            for (; next < due; next++)
            {
                var lag = clock.Elapsed - start - TimeSpan.FromSeconds(next / options.Rate);
                if (lag > maxLag) maxLag = lag;
                if (!await Bounds.Interruptible(inFlight.WaitAsync(cancellationToken))) break;
                var sequence = next;
                sends.Add(Task.Run(async () =>
                {
                    try { await Task.WhenAll(probes.Select(p => SendBoundedAsync(p, sequence, cancellationToken))); }
                    finally { inFlight.Release(); }
                }, CancellationToken.None));
            }
            if (next < planned && !await Bounds.Interruptible(timer.WaitForNextTickAsync(cancellationToken).AsTask())) break;
        }
        var window = clock.Elapsed - start;
        await Task.WhenAll(sends);
        return new EmitterFigures(planned, next, window, maxLag, TimeSpan.Zero, 0);
    }

    // Each probe's send has the bound of its own retries (a log push retries as loki.write does, for minutes).
    private static async Task SendBoundedAsync(SignalProbe probe, long sequence, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(probe.SendBound);
        try { await probe.SendAsync(sequence, bounded.Token); }
        catch (OperationCanceledException) { /* bounded, or interrupted: the ledger has it as sent */ }
    }
}
