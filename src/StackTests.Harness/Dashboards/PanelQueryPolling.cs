using StackTests.Harness.Clients;

namespace StackTests.Harness.Dashboards;

/// <summary>What one dashboard query returned from Prometheus.</summary>
public sealed record DashboardQueryResult(PrometheusPanelQuery Query, IReadOnlyList<Sample> Samples);

/// <summary>
/// Asks dashboard panel queries until each returns data, through Grafana as the panels do, or of
/// Prometheus directly for a stack without Grafana. A query that returned data is not asked again;
/// a time-out names the panels still without data and what each last answered.
/// </summary>
public static class PanelQueryPolling
{
    /// <summary>How long a panel may take to show data once its signal is in the stack.</summary>
    public static readonly EventuallyOptions DataWait = new(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(2));

    /// <summary>Every query through Grafana (/api/ds/query; Tempo searches through the datasource proxy).</summary>
    public static async Task<IReadOnlyList<PanelQueryOutcome>> ThroughGrafanaAsync(
        GrafanaClient grafana, IReadOnlyList<PanelQuery> queries, TextWriter output, EventuallyOptions? wait = null)
    {
        var outcomes = await Eventually.UntilEachAsync(
            $"all {queries.Count} panel queries to return data",
            "POST /api/ds/query for each panel target (Tempo searches through the datasource proxy)",
            queries,
            (query, token) => PanelQueryRunner.RunAsync(grafana, query, "now-15m", "now", token),
            outcome => outcome.HasData,
            (_, outcome) => outcome.ToString(),
            wait ?? DataWait);
        foreach (var outcome in outcomes.Values) await output.WriteLineAsync(outcome.ToString());
        return outcomes.Values.ToList();
    }

    /// <summary>Every query of Prometheus itself (GET /api/v1/query); a query Prometheus rejects ends the wait at once.</summary>
    public static async Task<IReadOnlyList<DashboardQueryResult>> FromPrometheusAsync(
        PrometheusClient prometheus, IReadOnlyList<PrometheusPanelQuery> queries, TextWriter output, EventuallyOptions? wait = null)
    {
        var results = await Eventually.UntilEachAsync(
            $"all {queries.Count} dashboard queries to return data",
            $"GET {prometheus.BaseUrl}api/v1/query for each query",
            queries,
            async (query, token) =>
            {
                try { return new DashboardQueryResult(query, await prometheus.QueryAsync(query.Expr, cancellationToken: token)); }
                catch (ApiException e) when (e.AnswerCannotChange) { throw new PollingAbortedException($"{query}: Prometheus rejected the query: {e.Message}", e); }
            },
            result => result.Samples.Count > 0,
            (query, _) => $"{query}: no data",
            wait ?? DataWait);
        foreach (var result in results.Values)
            await output.WriteLineAsync($"{result.Query.Where}: {result.Samples.Count} series");
        return results.Values.ToList();
    }
}
