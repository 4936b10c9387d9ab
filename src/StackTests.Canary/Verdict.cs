using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>The thresholds: by default no entry lost and none duplicated; --max-p95 bounds time to visibility.</summary>
public static class Verdict
{
    public static IReadOnlyList<string> Failures(LedgerSummary summary, TimeSpan? maxP95)
    {
        var failures = new List<string>();
        if (summary.Sent == 0) failures.Add("nothing was sent: no entry of this run went into the stack, so nothing was checked");
        else if (summary.SendFailed == summary.Sent && summary.Received == 0)
            failures.Add($"nothing was sent: all {summary.Sent} sends failed, first: {summary.FirstSendError}");
        else if (summary.Missing > 0)
            failures.Add($"{summary.Missing} of {summary.Sent} entries missing (first: {string.Join(", ", summary.MissingSample.Take(10))}): " +
                         $"{summary.AcceptedAndLost} accepted and lost" +
                         (summary.SendFailed > 0 ? $", {summary.SendFailed} refused by every try (never accepted), first: {summary.FirstSendError}" : ""));
        if (summary.Duplicated > 0) failures.Add($"{summary.Duplicated} duplicated entries");
        if (maxP95 is { } max && summary.Visibility.P95 is { } p95 && p95 > max)
            failures.Add($"time to visibility p95 {Report.Seconds(p95)} is above --max-p95 {Report.Seconds(max)}");
        return failures;
    }
}
