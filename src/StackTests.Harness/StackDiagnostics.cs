using System.Text;

namespace StackTests.Harness;

/// <summary>The last log lines of the services a failure involves, for failure reports.</summary>
public static class StackDiagnostics
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// One block per service: its log file (when kept) and its last lines. Never throws: a log
    /// that cannot be read is reported as such, since this runs while reporting another failure.
    /// </summary>
    public static async Task<string> RecentLogsAsync(IStack stack, IEnumerable<string>? services = null, int lines = 30,
        CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        var report = new StringBuilder();
        foreach (var service in (services ?? stack.RunningServices).Distinct())
        {
            report.Append($"--- {service}");
            if (stack.LogFile(service) is { } file) report.Append($" (full log: {file})");
            report.AppendLine();
            if (!stack.IsAvailable(service))
            {
                report.AppendLine($"{service}: not available from the {stack.Provider} stack: {stack.Unavailable(service)}");
                continue;
            }
            try
            {
                foreach (var line in await stack.LogsAsync(service, lines, timeout.Token)) report.AppendLine(line);
            }
            catch (Exception e)
            {
                report.AppendLine($"{service}: logs could not be read: {e.Message}");
            }
        }
        return report.ToString();
    }
}
