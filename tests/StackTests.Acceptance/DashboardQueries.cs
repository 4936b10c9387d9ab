using StackTests.Acceptance.Steps;
using StackTests.Compose;

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
    public static string Folder
    {
        get
        {
            var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
            var mount = compose.Service("grafana").MountAt("/etc/grafana/dashboards")
                        ?? throw new InvalidOperationException($"{compose.Path}: grafana mounts no /etc/grafana/dashboards");
            return Path.GetFullPath(Path.Combine(compose.Directory, mount.Source));
        }
    }

    public static IEnumerable<string> Files => Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal);

    public static string FileOf(string uid) =>
        Files.FirstOrDefault(f => GrafanaDashboard.Parse(File.ReadAllText(f)).Uid == uid)
        ?? throw new FileNotFoundException($"no dashboard with uid '{uid}' in {Folder}");

    /// <summary>The services a query needs running, from the metrics it reads.</summary>
    public static IReadOnlyList<string> ServicesOf(PrometheusPanelQuery query) => ServicesOf(query.Expr);

    public static IReadOnlyList<string> ServicesOf(string promql) =>
        PrometheusPanelQueries.MetricNames(promql).Select(ServiceMetrics.OwnerOf).OfType<string>().Distinct().ToList();

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
