using StackTests.Harness.Emitters;

namespace StackTests.Harness.Canary;

/// <summary>
/// --push-metrics: the run's figures as stacktests_canary_* series, named as loki-canary names its
/// own (entries_total, missing_entries_total, ...), in the Pushgateway group job=stacktests-canary,
/// run_id. Pushed as zeros at the start, then as they grow, so rate() and increase() read them.
/// </summary>
public sealed class ResultPusher(Uri url, string runId)
{
    public const string Job = "stacktests-canary";
    private readonly PushgatewayEmitter _pushgateway = new(url, runId, TimeSpan.FromSeconds(5));

    /// <summary>Whether the Pushgateway answers GET /-/ready, before anything is sent.</summary>
    public static async Task<string?> UnreachableAsync(Uri url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var answer = await http.GetAsync(new Uri(url, "-/ready"), cancellationToken);
            return answer.IsSuccessStatusCode ? null : $"GET {url}-/ready answered {(int)answer.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"GET {url}-/ready failed: {e.Message}";
        }
    }

    public Task PushAsync(IEnumerable<(string Name, string Signal, LedgerSummary? Summary, bool? Passed)> rows, IReadOnlyList<ServiceResources> resources,
        CancellationToken cancellationToken) =>
        _pushgateway.PushAsync(Job, Metrics(rows, resources), cancellationToken);

    public static IReadOnlyList<PushedMetric> Metrics(IEnumerable<(string Name, string Signal, LedgerSummary? Summary, bool? Passed)> rows, IReadOnlyList<ServiceResources> resources)
    {
        var metrics = new List<PushedMetric>();
        foreach (var (name, signal, summary, passed) in rows)
        {
            var labels = new Dictionary<string, string> { ["signal"] = signal, ["stage"] = name };
            var m = summary ?? new LedgerSummary(0, 0, 0, 0, 0, 0, 0, LatencySummary.Empty, [], null, TimeSpan.Zero);
            metrics.Add(new PushedMetric("stacktests_canary_entries_total", m.Sent, "counter", labels, "Entries the canary sent"));
            metrics.Add(new PushedMetric("stacktests_canary_send_failed_entries_total", m.SendFailed, "counter", labels, "Entries whose send failed"));
            metrics.Add(new PushedMetric("stacktests_canary_received_entries_total", m.Received, "counter", labels, "Entries a query saw"));
            metrics.Add(new PushedMetric("stacktests_canary_missing_entries_total", m.Missing, "counter", labels, "Entries sent and not (yet) seen"));
            metrics.Add(new PushedMetric("stacktests_canary_refused_entries_total", m.RefusedThenAccepted, "counter", labels, "Entries refused while the receiver was down and accepted on a retry"));
            metrics.Add(new PushedMetric("stacktests_canary_lost_entries_total", m.AcceptedAndLost, "counter", labels, "Entries accepted and never seen"));
            metrics.Add(new PushedMetric("stacktests_canary_duplicate_entries_total", m.Duplicated, "counter", labels, "Entries seen more than once"));
            metrics.Add(new PushedMetric("stacktests_canary_out_of_order_entries_total", m.OutOfOrder, "counter", labels, "Entries seen after a later one"));
            foreach (var (quantile, value) in new[] { ("0.5", m.Visibility.P50), ("0.95", m.Visibility.P95), ("0.99", m.Visibility.P99), ("1", m.Visibility.Max) })
                if (value is { } v)
                    metrics.Add(new PushedMetric("stacktests_canary_visibility_seconds", v.TotalSeconds, "gauge",
                        new Dictionary<string, string>(labels) { ["quantile"] = quantile }, "Time from send to first sighting"));
            if (passed is { } p)
                metrics.Add(new PushedMetric("stacktests_canary_passed", p ? 1 : 0, "gauge", labels, "1 when the signal met its thresholds"));
        }
        foreach (var r in resources.Where(r => r.CpuTime is not null))
        {
            var labels = new Dictionary<string, string> { ["service"] = r.Service };
            metrics.Add(new PushedMetric("stacktests_canary_service_cpu_seconds_total", r.CpuTime!.Value.TotalSeconds, "counter", labels, "CPU a service used during the run"));
            metrics.Add(new PushedMetric("stacktests_canary_service_peak_memory_bytes", r.PeakMemoryBytes ?? 0, "gauge", labels, "A service's peak memory during the run"));
        }
        return metrics;
    }
}
