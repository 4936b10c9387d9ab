using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Harness.Diagnosis;

/// <summary>
/// Where a metric pushed to the Pushgateway stopped on its way into Prometheus: the group the run
/// pushed (the Pushgateway's GET /api/v1/metrics), Prometheus' scrape of the Pushgateway (job
/// "pushgateway" of prometheus.yml) and whether Prometheus has the run's series.
/// </summary>
public sealed class PushgatewayDiagnosis(PushgatewayClient pushgateway, PrometheusClient prometheus, string scrapeJob = "pushgateway")
{
    /// <summary>What was seen; Groups is null when the Pushgateway could not be read (GroupsError says why).</summary>
    public sealed record Facts(
        string Job, string RunId, string Metric,
        IReadOnlyList<PushgatewayGroup>? Groups, string? GroupsError,
        ScrapeOfJob Scrape, bool InPrometheus);

    public async Task<Facts> ObserveAsync(string job, string runId, string metric, CancellationToken cancellationToken)
    {
        IReadOnlyList<PushgatewayGroup>? groups = null;
        string? error = null;
        try { groups = await pushgateway.GroupsAsync(cancellationToken); }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { error = e.Message; }
        var scrape = await ScrapeOfJob.ReadAsync(prometheus, scrapeJob, cancellationToken);
        bool inPrometheus;
        try { inPrometheus = (await prometheus.QueryAsync($"{metric}{{{TestRun.IdLabel}=\"{runId}\"}}", cancellationToken)).Count > 0; }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { inPrometheus = false; }
        return new Facts(job, runId, metric, groups, error, scrape, inPrometheus);
    }

    /// <summary>Whether the run's series reached Prometheus, and where it stopped when it did not.</summary>
    public static string Describe(Facts facts)
    {
        var group = facts.Groups?.FirstOrDefault(g => g.Labels.GetValueOrDefault("job") == facts.Job
                                                      && g.Labels.GetValueOrDefault(TestRun.IdLabel) == facts.RunId);
        var groupText = facts.Groups is null
            ? $"the Pushgateway's groups could not be read ({facts.GroupsError})"
            : group is null
                ? $"the Pushgateway holds no group job=\"{facts.Job}\", {TestRun.IdLabel}=\"{facts.RunId}\" ({facts.Groups.Count} other groups)"
                : $"the Pushgateway holds the group job=\"{facts.Job}\", {TestRun.IdLabel}=\"{facts.RunId}\" with {string.Join(", ", group.Metrics)}" +
                  (group.LastPushSuccessful ? "" : " (its last push failed)");
        var verdict = facts.InPrometheus
            ? $"Prometheus has {facts.Metric} for this run"
            : facts.Groups is not null && group is null
                ? $"{facts.Metric} stopped before the Pushgateway: the push did not land"
                : !facts.Scrape.AllUp
                    ? $"{facts.Metric} stopped between the Pushgateway and Prometheus: the scrape of job {facts.Scrape.Job} fails"
                    : $"{facts.Metric} stopped between the Pushgateway and Prometheus: the scrape succeeds but Prometheus has no {facts.Metric}{{{TestRun.IdLabel}=\"{facts.RunId}\"}}";
        return $"{verdict}; {groupText}; {facts.Scrape}.";
    }
}
