using StackTests.Acceptance.Steps;
using StackTests.Models.Dashboards;
using StackTests.Models.Queries;

namespace StackTests.Acceptance;

/// <summary>What one dashboard query returned from Prometheus.</summary>
public sealed record DashboardQueryResult(PrometheusPanelQuery Query, IReadOnlyList<Sample> Samples);

/// <summary>
/// Runs the Prometheus queries of the provisioned dashboards against Prometheus directly, for the
/// stacks without Grafana. The dashboards are the files compose mounts into Grafana.
/// </summary>
public static class DashboardQueries
{
    private static readonly EventuallyOptions DataWait = new(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(2));

    /// <summary>The folder compose mounts at Grafana's dashboards path.</summary>
    public static string Folder => StackFiles.DashboardFolder;

    /// <summary>The Prometheus queries of a dashboard file, as Grafana would send them with the provisioned datasources.</summary>
    public static IReadOnlyList<PrometheusPanelQuery> PrometheusQueriesOf(string file) => PrometheusPanelQueries.FromFile(file, StackFiles.Datasources);

    public static IEnumerable<string> Files => Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static string FileOf(string uid) =>
        Files.FirstOrDefault(f => Dashboard.Parse(f, File.ReadAllText(f)).Uid == uid)
        ?? throw new FileNotFoundException($"no dashboard with uid '{uid}' in {Folder}");

    // The PromQL grammar the config tier parses the dashboards with (tools/grammars).
    private static readonly Lazy<QueryGrammar> Grammar = new(() => QueryGrammar.Locate());

    /// <summary>
    /// Metrics Prometheus itself creates only on a condition: a panel over them legitimately shows its
    /// "or vector(0)" fallback, so their absence proves nothing.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string> ConditionalMetrics = new Dictionary<string, string>
    {
        ["ALERTS"] = "Prometheus has it only while an alert is pending or firing",
        ["ALERTS_FOR_STATE"] = "Prometheus has it only while an alert with a 'for' duration is active",
    };

    /// <summary>The metric names each query reads, in the order of the queries.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> MetricsOf(IReadOnlyList<string> promql) =>
        PrometheusPanelQueries.MetricNames(promql, Grammar.Value);

    /// <summary>The services each query needs running, from the metrics it reads.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ServicesOf(IReadOnlyList<string> promql) =>
        MetricsOf(promql).Select(IReadOnlyList<string> (metrics) => metrics.Select(ServiceMetrics.OwnerOf).OfType<string>().Distinct().ToList()).ToList();

    /// <summary>
    /// Fails unless every metric the queries read has a series in Prometheus now, naming the missing
    /// metric and the dashboard panels that read it. A query answered only by its "or vector(0)" or
    /// "or ... * 0" fallback returns data, yet shows nothing of its own: this is what proves the
    /// panel's series exist. Only the metrics still missing are asked again.
    /// </summary>
    public static async Task RequireMetricsAsync(StackContext context, ScenarioContext scenario, IReadOnlyList<(string Where, string Expr)> queries)
    {
        var reads = queries.Zip(MetricsOf(queries.Select(q => q.Expr).ToList()), (q, metrics) => (q.Where, Metrics: metrics)).ToList();
        foreach (var (where, metric) in reads.SelectMany(r => r.Metrics.Where(ConditionalMetrics.ContainsKey).Select(m => (r.Where, m))))
            scenario.Output.WriteLine($"not checked: {metric} of {where} ({ConditionalMetrics[metric]})");
        var pending = reads.SelectMany(r => r.Metrics).Where(m => !ConditionalMetrics.ContainsKey(m)).Distinct().ToList();
        var total = pending.Count;
        var prometheus = context.Prometheus;
        await Eventually.UntilAsync(
            $"the {total} metrics the dashboard queries read to exist in Prometheus",
            $"GET {prometheus.BaseUrl}api/v1/query?query=count({{__name__=\"<metric>\"}}) for each metric",
            async token =>
            {
                var missing = new List<string>();
                foreach (var metric in pending)
                    if (!await prometheus.HasMetricAsync(metric, token)) missing.Add(metric);
                pending = missing;
                return missing;
            },
            missing => missing.Count == 0,
            DataWait,
            describe: missing => $"{missing.Count} missing: " + string.Join("; ", missing.Select(m =>
                $"{m} (read by {string.Join(", ", reads.Where(r => r.Metrics.Contains(m)).Select(r => r.Where))})")));
        scenario.Output.WriteLine($"all {total} metrics of {queries.Count} Prometheus queries exist");
    }

    /// <summary>Polls every query until each returns a sample; only the queries still empty are asked again.</summary>
    public static async Task<IReadOnlyList<DashboardQueryResult>> RunUntilDataAsync(
        StackContext context, ScenarioContext scenario, IReadOnlyList<PrometheusPanelQuery> queries)
    {
        var prometheus = context.Prometheus;
        var results = new Dictionary<PrometheusPanelQuery, DashboardQueryResult>();
        var pending = queries.ToList();
        await Eventually.UntilAsync(
            $"all {queries.Count} dashboard queries to return data",
            $"GET {prometheus.BaseUrl}api/v1/query for each query",
            async token =>
            {
                foreach (var query in pending)
                {
                    IReadOnlyList<Sample> samples;
                    try { samples = await prometheus.QueryAsync(query.Expr, cancellationToken: token); }
                    catch (ApiException e) { throw new PollingAbortedException($"{query}: Prometheus rejected the query: {e.Message}"); }
                    results[query] = new DashboardQueryResult(query, samples);
                }
                pending = pending.Where(q => results[q].Samples.Count == 0).ToList();
                return pending;
            },
            empty => empty.Count == 0,
            DataWait,
            describe: empty => $"{empty.Count} without data: " + string.Join("; ", empty));
        foreach (var result in results.Values)
            scenario.Output.WriteLine($"{result.Query.Dashboard} / {result.Query.Panel} [{result.Query.RefId}]: {result.Samples.Count} series");
        return results.Values.ToList();
    }
}
