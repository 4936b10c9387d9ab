using System.Diagnostics;
using StackTests.Compose;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Providers;

namespace StackTests.Canary;

/// <summary>
/// Exit codes: 0 every threshold met, 1 one crossed (or a restart failed, no requested signal was
/// measured, a measured one sent nothing, a skip under --fail-on-skip), 2 bad input (nothing sent),
/// 3 the canary itself failed, 4 no stack.
/// </summary>
public static class ExitCodes
{
    public const int Passed = 0, ThresholdCrossed = 1, BadInput = 2, CanaryError = 3, StackFailed = 4;

    /// <summary>Ctrl-C: the run was cut short; what it measured so far is reported (128 + SIGINT, as shells do).</summary>
    public const int Interrupted = 130;
}

/// <summary>Runs the canary: checks the input, starts the stack, sends and queries, reports.</summary>
public sealed class CanaryRunner(CanaryOptions options, TextWriter output)
{
    private static readonly TimeSpan QueryBound = TimeSpan.FromSeconds(15);

    /// <summary>The checks that need no stack; a message means exit 2 before anything is sent.</summary>
    public static async Task<string?> InputProblemAsync(CanaryOptions options, ComposeFile compose, CancellationToken cancellationToken)
    {
        var provider = StackFactory.Resolve(options.Stack);
        if (!StackFactory.Providers.Contains(provider))
            return $"unknown stack provider '{options.Stack}'; choose one of: {string.Join(", ", StackFactory.Providers)}";
        var needed = NeededServices(options, compose);
        foreach (var restart in options.Restarts)
        {
            if (provider == "external") return $"--restart {restart}: the external stack cannot restart services";
            if (!needed.Contains(restart.Service))
                return $"--restart {restart}: '{restart.Service}' is not a service of the signals {string.Join(", ", options.Signals)} " +
                       $"(they use: {string.Join(", ", needed.Order())})";
        }
        foreach (var service in options.MaxRss.Keys.Where(s => !needed.Contains(s)))
            return $"--max-rss: '{service}' is not a service of the signals {string.Join(", ", options.Signals)} (they use: {string.Join(", ", needed.Order())})";
        if (options.PushMetrics is { } url && await ResultPusher.UnreachableAsync(url, cancellationToken) is { } why)
            return $"--push-metrics: the Pushgateway does not answer: {why}";
        return null;
    }

    /// <summary>The services the chosen signals go through, with what they depend on.</summary>
    public static IReadOnlySet<string> NeededServices(CanaryOptions options, ComposeFile compose) =>
        ServiceSelection.WithDependencies(compose, options.Signals.SelectMany(SignalProbe.ServicesOf).Distinct()).ToHashSet();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        if (await InputProblemAsync(options, compose, cancellationToken) is { } problem)
        {
            await output.WriteLineAsync($"canary: {problem}");
            return ExitCodes.BadInput;
        }
        var services = options.Signals.SelectMany(SignalProbe.ServicesOf).Distinct().ToList();
        await using var stack = StackFactory.Create(options.Stack, options.Profiles, TestRun.Directory, services);
        if (StackFactory.AutoChosen is { } auto) await output.WriteLineAsync($"canary: {auto.Why}");
        try
        {
            await stack.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Directory.CreateDirectory(options.ReportDirectory);
            await File.WriteAllTextAsync(Path.Combine(options.ReportDirectory, "stack-start-failure.txt"), e.Message + "\n", cancellationToken);
            await output.WriteLineAsync($"canary: the {stack.Provider} stack could not start: {e.Message}");
            return ExitCodes.StackFailed;
        }
        await output.WriteLineAsync($"canary: run {TestRun.Id} on the {stack.Provider} stack ({string.Join(", ", stack.RunningServices)}); " +
                                    $"{options.Rate}/s for {CanaryOptions.Seconds(options.Duration)}, signals {string.Join(", ", options.Signals)}");

        var report = await MeasureOnAsync(stack, cancellationToken);
        await output.WriteAsync(Report.ConsoleTable(report));
        foreach (var file in Report.Write(report, options.ReportDirectory)) await output.WriteLineAsync($"canary: wrote {file}");
        await output.WriteLineAsync(report.CountsLine());
        return cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
            : report.Passed ? ExitCodes.Passed : ExitCodes.ThresholdCrossed;
    }

    /// <summary>
    /// The measurement itself, on a stack that is already running (the canary's own, or an
    /// acceptance scenario's): the probes of the chosen signals, the sends, the restarts, the
    /// drain and the final queries; what the probes left in the stack is removed.
    /// </summary>
    public async Task<CanaryReport> MeasureOnAsync(IStack stack, CancellationToken cancellationToken)
    {
        var notMeasured = new Dictionary<string, string>();
        var probes = new List<SignalProbe>();
        foreach (var signal in options.Signals)
        {
            var missing = SignalProbe.ServicesOf(signal).FirstOrDefault(s => !stack.IsAvailable(s));
            if (missing is not null)
                notMeasured[signal] = $"needs {missing}: {stack.Unavailable(missing) ?? "not available"} (stack: {stack.Provider})";
            else if (signal == "container-logs" && stack.Provider is not ("testcontainers" or "compose"))
                notMeasured[signal] = $"needs a container of its own, which the {stack.Provider} stack cannot start";
            else
                probes.Add(signal switch
                {
                    "metrics" => new MetricsProbe(stack, TestRun.Id),
                    "iot" => new IotProbe(stack, TestRun.Id),
                    "alerts" => new AlertsProbe(stack, TestRun.Id),
                    "traces" => TracesProbe.ThroughCollector(stack, TestRun.Id),
                    "tempo-direct-traces" => TracesProbe.ToTempoDirectly(stack, TestRun.Id),
                    "otlp-metrics" => new OtlpMetricsProbe(stack, TestRun.Id),
                    "container-logs" => new ContainerLogsProbe(stack, TestRun.Id, options.Rate, (long)Math.Ceiling(options.Duration.TotalSeconds * options.Rate)),
                    _ => new LogsProbe(stack, TestRun.Id, options.Drain),
                });
        }
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
                if (probe is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
        }
    }

    private async Task<CanaryReport> MeasureAsync(IStack stack, List<SignalProbe> probes, Dictionary<string, string> notMeasured, ResultPusher? pusher,
        CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var startedAt = DateTimeOffset.UtcNow;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var services = stack.RunningServices.ToList();
        var source = ResourceSources.For(stack, TestRun.Id);
        using var disposeSource = source as IDisposable;
        var sampler = new ResourceSampler(source, services);
        var sampling = sampler.RunAsync(TimeSpan.FromSeconds(1), stop.Token);

        foreach (var probe in probes) await Bounded(probe.PrepareAsync, cancellationToken);
        var pollErrors = probes.ToDictionary(p => p.Signal, _ => (Count: 0, Last: ""));
        var polling = options.NoVerify ? [] : probes.Select(p => PollLoopAsync(p, pollErrors, stop.Token)).ToList();
        var pushing = pusher is null ? Task.CompletedTask : PushLoopAsync(pusher, probes, sampler, stop.Token);

        var canary = Process.GetCurrentProcess();
        var cpuBefore = canary.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var restarts = options.Restarts.Select(r => RestartAsync(stack, r, clock, cancellationToken)).ToList();
        var emitter = await EmitAsync(probes, clock, cancellationToken);

        // The drain: keep querying (never sending) until everything sent was seen, or the drain is over.
        var restartOutcomes = (await Task.WhenAll(restarts)).OfType<RestartOutcome>().ToList();
        if (!options.NoVerify && !cancellationToken.IsCancellationRequested)
        {
            var drain = Stopwatch.StartNew();
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
            try
            {
                while (drain.Elapsed < options.Drain && !probes.All(p => p.Complete) && await tick.WaitForNextTickAsync(cancellationToken)) { }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        }
        if (cancellationToken.IsCancellationRequested)
            notes.Add($"interrupted after {CanaryOptions.Seconds(clock.Elapsed)}: {emitter.Sent} of {emitter.Planned} ticks sent, no drain; " +
                      "entries still in flight may show as missing");
        await stop.CancelAsync();
        await Task.WhenAll(polling.Append(pushing).Append(sampling));
        // An interrupted run still asks what arrived: the final queries and the push have bounds of their own.
        if (!options.NoVerify)
            foreach (var probe in probes)
                await Bounded(token => probe.FinalAsync(startedAt, token), CancellationToken.None, e => notes.Add($"{probe.Signal}: the final query failed: {e}"));
        canary.Refresh();
        emitter = emitter with { CanaryCpu = canary.TotalProcessorTime - cpuBefore, CanaryPeakMemory = canary.PeakWorkingSet64 };

        foreach (var (signal, errors) in pollErrors.Where(e => e.Value.Count > 0))
            notes.Add($"{signal}: {errors.Count} queries failed, the last: {errors.Last}");
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
        var resources = sampler.Summarise();
        var ceilings = options.MaxRss.Select(c => new CeilingOutcome(c.Key, c.Value, resources.FirstOrDefault(r => r.Service == c.Key)?.PeakMemoryBytes)).ToList();
        var costed = restartOutcomes.Select(r => r with { MissingSentDuring = Cost(r, probes) }).ToList();
        var report = new CanaryReport(TestRun.Id, stack.Provider, startedAt, options.Duration, options.Rate, outcomes, resources, ceilings, costed, emitter, notes)
        {
            FailOnSkip = options.FailOnSkip, NoVerify = options.NoVerify,
        };
        if (pusher is not null)
            await Bounded(token => pusher.PushAsync(outcomes.Select(o => (o.Name, o.Signal, o.Summary, o.Measured ? o.Passed : (bool?)null)), resources, token),
                CancellationToken.None, e => notes.Add($"--push-metrics: the last push failed: {e}"));
        return report;
    }

    /// <summary>Entries sent from the restart's start until 1 s after it was ready again that no query ever saw, per signal row.</summary>
    private static IReadOnlyDictionary<string, int> Cost(RestartOutcome restart, IEnumerable<SignalProbe> probes)
    {
        if (restart.StartedAt is not { } from) return new Dictionary<string, int>();
        var to = from + (restart.Took ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1);
        return probes.SelectMany(p => p.Ledgers).ToDictionary(l => l.Name, l => l.Ledger.MissingEntries().Count(m => m.SentAt >= from && m.SentAt <= to));
    }

    /// <summary>
    /// Sends tick N (entry N through every probe) at N / rate seconds; a tick that falls behind is
    /// sent at once, and how far behind the canary fell is the lag. At most 256 sends are in flight.
    /// </summary>
    private async Task<EmitterFigures> EmitAsync(List<SignalProbe> probes, Stopwatch clock, CancellationToken cancellationToken)
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
                if (!await Interruptible(inFlight.WaitAsync(cancellationToken))) break;
                var sequence = next;
                sends.Add(Task.Run(async () =>
                {
                    try { await Task.WhenAll(probes.Select(p => SendBoundedAsync(p, sequence, cancellationToken))); }
                    finally { inFlight.Release(); }
                }, CancellationToken.None));
            }
            if (next < planned && !await Interruptible(timer.WaitForNextTickAsync(cancellationToken).AsTask())) break;
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

    // False when Ctrl-C ended the wait: sending stops there, and the run is reported as far as it went.
    private static async Task<bool> Interruptible(Task wait)
    {
        try { await wait; return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>
    /// Queries the probe until stopped. A query cut off by the stop (its client may turn the
    /// cancellation into an error of its own) is no error of the stack: the final query asks again.
    /// </summary>
    internal static async Task PollLoopAsync(SignalProbe probe, Dictionary<string, (int Count, string Last)> errors, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(probe.PollInterval);
        try
        {
            do
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(QueryBound);
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

    private static async Task PushLoopAsync(ResultPusher pusher, List<SignalProbe> probes, ResourceSampler sampler, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            do
            {
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stop);
                bounded.CancelAfter(QueryBound);
                try
                {
                    await pusher.PushAsync(probes.SelectMany(p => p.Ledgers.Select(l => (l.Name, p.Signal, (LedgerSummary?)l.Ledger.Summarise(), (bool?)null))),
                        sampler.Summarise(), bounded.Token);
                }
                catch (Exception e) when (e is Harness.Emitters.EmitterException || (e is OperationCanceledException && !stop.IsCancellationRequested)) { }
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
    }

    /// <summary>The restart at its time; null when the run was interrupted before it.</summary>
    private async Task<RestartOutcome?> RestartAsync(IStack stack, RestartPlan plan, Stopwatch clock, CancellationToken cancellationToken)
    {
        var wait = plan.At - clock.Elapsed;
        if (wait > TimeSpan.Zero && !await Interruptible(Task.Delay(wait, cancellationToken))) return null;
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

    private static async Task Bounded(Func<CancellationToken, Task> action, CancellationToken cancellationToken, Action<string>? failed = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(QueryBound);
        try { await action(bounded.Token); }
        catch (Exception e) when (failed is not null && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)) { failed(e.Message); }
    }
}
