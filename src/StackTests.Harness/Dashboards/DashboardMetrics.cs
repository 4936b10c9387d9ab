using StackTests.Harness.Clients;
using StackTests.Models.Queries;

namespace StackTests.Harness.Dashboards;

/// <summary>
/// The metrics dashboard queries read, the services that export them, and whether each exists in
/// Prometheus. A query answered only by its "or vector(0)" or "or ... * 0" fallback returns data yet
/// shows nothing of its own: the metrics existing is what proves a panel's series.
/// </summary>
public static class DashboardMetrics
{
    // The PromQL grammar the config tier parses the dashboards with (tools/grammars).
    private static readonly Lazy<QueryGrammar> Grammar = new(() => QueryGrammar.Locate());

    /// <summary>
    /// Metrics Prometheus itself creates only on a condition: a panel over them legitimately shows its
    /// "or vector(0)" fallback, so their absence proves nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Conditional = new Dictionary<string, string>
    {
        ["ALERTS"] = "Prometheus has it only while an alert is pending or firing",
        ["ALERTS_FOR_STATE"] = "Prometheus has it only while an alert with a 'for' duration is active",
    };

    /// <summary>The metric names each query reads, in the order of the queries.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(IReadOnlyList<string> promql) =>
        PrometheusPanelQueries.MetricNames(promql, Grammar.Value);

    /// <summary>The services each query needs running, from the metrics it reads.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ServicesOf(IReadOnlyList<string> promql) =>
        Of(promql).Select(IReadOnlyList<string> (metrics) => metrics.Select(ServiceMetrics.OwnerOf).OfType<string>().Distinct().ToList()).ToList();

    /// <summary>
    /// Fails unless every metric the queries read has a series in Prometheus, naming each missing
    /// metric and the panels that read it; only the metrics still missing are asked again. The
    /// conditional metrics are reported as not checked.
    /// </summary>
    public static async Task RequireAsync(PrometheusClient prometheus, IReadOnlyList<PrometheusPanelQuery> queries, TextWriter output)
    {
        var reads = queries.Zip(Of(queries.Select(q => q.Expr).ToList()), (q, metrics) => (q.Where, Metrics: metrics)).ToList();
        foreach (var (where, metric) in reads.SelectMany(r => r.Metrics.Where(Conditional.ContainsKey).Select(m => (r.Where, m))))
            await output.WriteLineAsync($"not checked: {metric} of {where} ({Conditional[metric]})");
        var metrics = reads.SelectMany(r => r.Metrics).Where(m => !Conditional.ContainsKey(m)).Distinct().ToList();
        await Eventually.UntilEachAsync(
            $"the {metrics.Count} metrics the dashboard queries read to exist in Prometheus",
            $"GET {prometheus.BaseUrl}api/v1/query?query=count({{__name__=\"<metric>\"}}) for each metric",
            metrics,
            (metric, token) => prometheus.HasMetricAsync(metric, token),
            exists => exists,
            (metric, _) => $"{metric} missing (read by {string.Join(", ", reads.Where(r => r.Metrics.Contains(metric)).Select(r => r.Where))})",
            PanelQueryPolling.DataWait);
        await output.WriteLineAsync($"all {metrics.Count} metrics of {queries.Count} Prometheus queries exist");
    }
}
