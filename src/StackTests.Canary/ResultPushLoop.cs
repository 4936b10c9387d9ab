using StackTests.Harness.Canary;
using StackTests.Harness.Emitters;

namespace StackTests.Canary;

/// <summary>--push-metrics while the run lasts: the books so far, every 5 s, to the Pushgateway; a failed push waits for the next.</summary>
public static class ResultPushLoop
{
    public static async Task RunAsync(ResultPusher pusher, IReadOnlyList<SignalProbe> probes, ResourceSampler sampler, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            do
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(Bounds.Query);
                try
                {
                    await pusher.PushAsync(probes.SelectMany(p => p.Ledgers.Select(l => (l.Name, p.Signal, (LedgerSummary?)l.Ledger.Summarise(), (bool?)null))),
                        sampler.Summarise(), bounded.Token);
                }
                catch (Exception e) when (e is EmitterException || (e is OperationCanceledException && !stop.IsCancellationRequested)) { }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }
}
