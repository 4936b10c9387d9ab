using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>One row of the report: a signal (or a stage of one) with its books and verdict.</summary>
public sealed record SignalOutcome(string Name, string Signal, LedgerSummary? Summary, string? NotMeasured, IReadOnlyList<string> Failures)
{
    public bool Measured => NotMeasured is null;
    public bool Passed => Measured && Failures.Count == 0;
}

/// <summary>What a --restart did and what it cost.</summary>
public sealed record RestartOutcome(RestartPlan Plan, DateTimeOffset? StartedAt, TimeSpan? Took, string? Error,
    IReadOnlyDictionary<string, int> MissingSentDuring);

/// <summary>How the canary itself kept up: the rate it reached and its own CPU and memory.</summary>
public sealed record EmitterFigures(long Planned, long Sent, TimeSpan SendWindow, TimeSpan MaxLag, TimeSpan CanaryCpu, long CanaryPeakMemory)
{
    public double AchievedRate => SendWindow > TimeSpan.Zero ? Sent / SendWindow.TotalSeconds : 0;
}

/// <summary>A resource ceiling's verdict (--max-rss).</summary>
public sealed record CeilingOutcome(string Service, long Ceiling, long? Peak)
{
    public bool Passed => Peak is { } peak && peak <= Ceiling;
}

public sealed record CanaryReport(
    string RunId, string Provider, DateTimeOffset StartedAt, TimeSpan Duration, double Rate,
    IReadOnlyList<SignalOutcome> Signals, IReadOnlyList<ServiceResources> Resources, IReadOnlyList<CeilingOutcome> Ceilings,
    IReadOnlyList<RestartOutcome> Restarts, EmitterFigures Emitter, IReadOnlyList<string> Notes)
{
    /// <summary>--fail-on-skip: a requested signal that was not measured fails the run.</summary>
    public bool FailOnSkip { get; init; }

    /// <summary>--no-verify: nothing was queried on purpose, so no signal is expected to be measured.</summary>
    public bool NoVerify { get; init; }

    /// <summary>
    /// A row not measured counts as a failure, not a skip: under --fail-on-skip, and when no
    /// requested signal was measured at all (a run that checked nothing is not green).
    /// </summary>
    public bool SkipsFail => FailOnSkip || (!NoVerify && Signals.Count > 0 && Signals.All(s => !s.Measured));

    /// <summary>What fails the run beside the rows' own thresholds, each naming its service or signal.</summary>
    public IReadOnlyList<string> RunFailures
    {
        get
        {
            var failures = Restarts.Where(r => r.Error is not null)
                .Select(r => $"restart {r.Plan}: {r.Plan.Service} did not restart: {r.Error}").ToList();
            var skipped = Signals.Where(s => !s.Measured).ToList();
            if (!NoVerify && Signals.Count > 0 && skipped.Count == Signals.Count)
                failures.Add($"no requested signal was measured ({string.Join(", ", Signals.Select(s => s.Name))}): this run checked nothing");
            else if (FailOnSkip)
                failures.AddRange(skipped.Select(s => $"{s.Name} was not measured, a failure under --fail-on-skip: {s.NotMeasured}"));
            return failures;
        }
    }

    public bool Passed => Signals.All(s => s.Passed || (!s.Measured && !SkipsFail)) && Ceilings.All(c => c.Passed) && RunFailures.Count == 0;

    /// <summary>The console's last line: rows and ceilings passed, failed (a failed restart counts), skipped.</summary>
    public string CountsLine()
    {
        var passed = Signals.Count(s => s.Passed) + Ceilings.Count(c => c.Passed);
        var failed = Signals.Count(s => s.Measured && !s.Passed) + Ceilings.Count(c => !c.Passed) + Restarts.Count(r => r.Error is not null);
        var skipped = Signals.Count(s => !s.Measured);
        return SkipsFail ? $"{passed} passed, {failed + skipped} failed, 0 skipped" : $"{passed} passed, {failed} failed, {skipped} skipped";
    }
}
