namespace StackTests.Canary;

/// <summary>The canary's questions while it runs: each probe's queries, then the drain that waits for what is still in flight.</summary>
public static class ProbePolling
{
    /// <summary>
    /// Queries the probe until stopped. A query cut off by the stop (its client may turn the
    /// cancellation into an error of its own) is no error of the stack: the final query asks again.
    /// </summary>
    public static async Task PollLoopAsync(SignalProbe probe, Dictionary<string, (int Count, string Last)> errors, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(probe.PollInterval);
        try
        {
            do
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(Bounds.Query);
                try { await probe.PollAsync(bounded.Token); }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    lock (errors) errors[probe.Signal] = (errors[probe.Signal].Count + 1, e.Message);
                }
                catch (Exception) when (stop.IsCancellationRequested) { return; }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    /// <summary>The drain: waits (never sending) while the polls go on, until every probe saw all it sent or the drain is over.</summary>
    public static async Task DrainAsync(IReadOnlyList<SignalProbe> probes, TimeSpan drain, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (clock.Elapsed < drain && !probes.All(p => p.Complete) && await tick.WaitForNextTickAsync(cancellationToken)) { }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
    }
}
