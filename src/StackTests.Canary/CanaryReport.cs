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
    public bool Passed => Signals.All(s => s.Passed || !s.Measured) && Ceilings.All(c => c.Passed);
}

/// <summary>The thresholds: by default no entry lost and none duplicated; --max-p95 bounds time to visibility.</summary>
public static class Verdict
{
    public static IReadOnlyList<string> Failures(LedgerSummary summary, TimeSpan? maxP95)
    {
        var failures = new List<string>();
        if (summary.Missing > 0)
            failures.Add($"{summary.Missing} of {summary.Sent} entries missing (first: {string.Join(", ", summary.MissingSample.Take(10))}): " +
                         $"{summary.AcceptedAndLost} accepted and lost" +
                         (summary.SendFailed > 0 ? $", {summary.SendFailed} refused by every try (never accepted), first: {summary.FirstSendError}" : ""));
        if (summary.Duplicated > 0) failures.Add($"{summary.Duplicated} duplicated entries");
        if (maxP95 is { } max && summary.Visibility.P95 is { } p95 && p95 > max)
            failures.Add($"time to visibility p95 {Report.Seconds(p95)} is above --max-p95 {Report.Seconds(max)}");
        return failures;
    }
}
