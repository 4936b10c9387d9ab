using System.Diagnostics;
using StackTests.Harness;
using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>
/// The measurement itself, on a stack that is already running (the canary's own, or an acceptance
/// scenario's): the probes of the chosen signals, the sends, the restarts, the drain and the final
/// queries, and the verdict of each row; what the probes left in the stack is removed.
/// </summary>
public sealed class CanaryMeasurement(CanaryOptions options, TextWriter output)
{
    public async Task<CanaryReport> RunOnAsync(IStack stack, CancellationToken cancellationToken)
    {
        var (probes, notMeasured) = ProbeChoice.For(options, stack);
        var pusher = options.PushMetrics is { } pushUrl ? new ResultPusher(pushUrl, TestRun.Id) : null;
        try
        {
            return await MeasureAsync(stack, probes, notMeasured, pusher, cancellationToken);
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            foreach (var probe in probes)
            {
                try { await probe.CleanupAsync(cleanup.Token); }
                catch (OperationCanceledException) { }
                await probe.DisposeAsync();
            }
        }
    }

    private async Task<CanaryReport> MeasureAsync(IStack stack, List<SignalProbe> probes, Dictionary<string, string> notMeasured, ResultPusher? pusher,
        CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var startedAt = DateTimeOffset.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var source = ResourceSources.For(stack, TestRun.Id);
        using var disposeSource = source as IDisposable;
        var sampler = new ResourceSampler(source, stack.RunningServices.ToList());
        var sampling = sampler.RunAsync(TimeSpan.FromSeconds(1), stop.Token);

        foreach (var probe in probes) await Bounds.Bounded(probe.PrepareAsync, cancellationToken);
        var pollErrors = probes.ToDictionary(p => p.Signal, _ => (Count: 0, Last: ""));
        var polling = options.NoVerify ? [] : probes.Select(p => ProbePolling.PollLoopAsync(p, pollErrors, stop.Token)).ToList();
        var pushing = pusher is null ? Task.CompletedTask : ResultPushLoop.RunAsync(pusher, probes, sampler, stop.Token);

        var canary = Process.GetCurrentProcess();
        var cpuBefore = canary.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var restarts = options.Restarts.Select(r => ServiceRestarts.RunAsync(stack, r, clock, output, cancellationToken)).ToList();
        var emitter = await Pacing.EmitAsync(probes, options, clock, cancellationToken);

        var restartOutcomes = (await Task.WhenAll(restarts)).OfType<RestartOutcome>().ToList();
        if (!options.NoVerify && !cancellationToken.IsCancellationRequested)
            await ProbePolling.DrainAsync(probes, options.Drain, cancellationToken);
        if (cancellationToken.IsCancellationRequested)
            notes.Add($"interrupted after {CanaryOptions.Seconds(clock.Elapsed)}: {emitter.Sent} of {emitter.Planned} ticks sent, no drain; " +
                      "entries still in flight may show as missing");
        await stop.CancelAsync();
        await Task.WhenAll(polling.Append(pushing).Append(sampling));
        // An interrupted run still asks what arrived: the final queries and the push have bounds of their own.
        if (!options.NoVerify)
            foreach (var probe in probes)
                await Bounds.Bounded(token => probe.FinalAsync(startedAt, token), CancellationToken.None, e => notes.Add($"{probe.Signal}: the final query failed: {e}"));
        canary.Refresh();
        emitter = emitter with { CanaryCpu = canary.TotalProcessorTime - cpuBefore, CanaryPeakMemory = canary.PeakWorkingSet64 };

        foreach (var (signal, errors) in pollErrors.Where(e => e.Value.Count > 0))
            notes.Add($"{signal}: {errors.Count} queries failed, the last: {errors.Last}");
        var outcomes = Outcomes(probes, notMeasured);
        var resources = sampler.Summarise();
        var ceilings = options.MaxRss.Select(c => new CeilingOutcome(c.Key, c.Value, resources.FirstOrDefault(r => r.Service == c.Key)?.PeakMemoryBytes)).ToList();
        var costed = restartOutcomes.Select(r => r with { MissingSentDuring = ServiceRestarts.Cost(r, probes) }).ToList();
        var report = new CanaryReport(TestRun.Id, stack.Provider, startedAt, options.Duration, options.Rate, outcomes, resources, ceilings, costed, emitter, notes)
        {
            FailOnSkip = options.FailOnSkip, NoVerify = options.NoVerify,
        };
        if (pusher is not null)
            await Bounds.Bounded(token => pusher.PushAsync(outcomes.Select(o => (o.Name, o.Signal, o.Summary, o.Measured ? o.Passed : (bool?)null)), resources, token),
                CancellationToken.None, e => notes.Add($"--push-metrics: the last push failed: {e}"));
        return report;
    }

    /// <summary>One row per ledger of each measured signal, with its verdict; one row per signal not measured, with why.</summary>
    private List<SignalOutcome> Outcomes(List<SignalProbe> probes, Dictionary<string, string> notMeasured)
    {
        var outcomes = new List<SignalOutcome>();
        foreach (var signal in options.Signals)
        {
            if (notMeasured.TryGetValue(signal, out var why))
            {
                outcomes.Add(new SignalOutcome(signal, signal, null, why, []));
                continue;
            }
            var probe = probes.Single(p => p.Signal == signal);
            foreach (var (name, ledger) in probe.Ledgers)
            {
                var summary = ledger.Summarise();
                outcomes.Add(options.NoVerify
                    ? new SignalOutcome(name, signal, summary, "--no-verify: sent only, nothing queried", [])
                    : new SignalOutcome(name, signal, summary, null, Verdict.Failures(summary, options.MaxP95.TryGetValue(signal, out var max) ? max : null)));
            }
        }
        return outcomes;
    }
}
