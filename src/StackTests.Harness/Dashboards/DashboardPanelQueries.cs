using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;
using Json = System.Text.Json.Nodes;
using Positioned = StackTests.Models.Documents;

using StackTests.Harness.Clients;

namespace StackTests.Harness.Dashboards;

/// <summary>One panel target of a dashboard made ready for /api/ds/query, or the reason it cannot be.</summary>
public sealed record PanelQuery(string Dashboard, DashboardPanel Panel, PanelTarget Target, Json.JsonObject? Query, string? Problem)
{
    /// <summary>Where the query stands: dashboard / "panel" [refId].</summary>
    public string Where => $"{Dashboard} / \"{Panel.Title}\" [{Target.RefId}]";

    /// <summary>The query as Prometheus would get it, when it goes to a Prometheus datasource; null for the others.</summary>
    public PrometheusPanelQuery? Prometheus =>
        Query?["datasource"]?["type"]?.GetValue<string>() == "prometheus" && Query["expr"]?.GetValue<string>() is { } expr
            ? new PrometheusPanelQuery(Dashboard, Panel.Title, Target.RefId, expr)
            : null;

    public override string ToString() => $"{Where}: {(Problem ?? Query?.ToJsonString())}";
}

/// <summary>
/// Turns a dashboard's panel targets into /api/ds/query queries the way Grafana's frontend does
/// before sending them: the datasource reference resolved to {uid, type} (ResolvedDatasource),
/// dashboard template variables replaced by their current values (Dashboard.Interpolate), and
/// intervalMs/maxDataPoints added. Grafana's built-in variables ($__interval, $__rate_interval, ...)
/// stay in place: the datasource backends replace them from intervalMs and the time range, each its
/// own set (BackendVariables), so a LogQL panel with $__rate_interval fails here as in Grafana.
/// </summary>
public static class DashboardPanelQueries
{
    public static IReadOnlyList<PanelQuery> For(
        Dashboard dashboard, DashboardPanel panel, IReadOnlyList<GrafanaDatasource> datasources,
        long intervalMs = GrafanaQuery.DefaultIntervalMs)
    {
        var result = new List<PanelQuery>();
        foreach (var target in panel.Targets.Where(t => !t.Hide))
        {
            var resolved = ResolvedDatasource.ForTarget(panel, target, dashboard, datasources);
            if (resolved?.Datasource is not { Uid: { } uid } datasource)
            {
                result.Add(new PanelQuery(dashboard.Title ?? dashboard.Uid ?? "", panel, target, null,
                    resolved?.Problem ?? $"its datasource ({resolved?.Type ?? "none"}) is none of Grafana's datasources with a uid"));
                continue;
            }
            var query = (Json.JsonObject)Interpolate(target.Json, dashboard)!;
            query["refId"] = target.RefId;
            query["datasource"] = GrafanaQuery.Datasource(uid, datasource.Type);
            query["intervalMs"] = intervalMs;
            query["maxDataPoints"] = panel.MaxDataPoints ?? GrafanaQuery.DefaultMaxDataPoints;
            result.Add(new PanelQuery(dashboard.Title ?? dashboard.Uid ?? "", panel, target, query, null));
        }
        return result;
    }

    /// <summary>Every panel's queries, in panel order.</summary>
    public static IReadOnlyList<PanelQuery> For(Dashboard dashboard, IReadOnlyList<GrafanaDatasource> datasources, long intervalMs = GrafanaQuery.DefaultIntervalMs) =>
        dashboard.Panels.SelectMany(p => For(dashboard, p, datasources, intervalMs)).ToList();

    /// <summary>The target as the JSON sent to Grafana, every string interpolated, its datasource left out (set resolved).</summary>
    private static Json.JsonNode? Interpolate(Positioned.JsonNode node, Dashboard dashboard) => node switch
    {
        Positioned.JsonObject obj => new Json.JsonObject(obj.Members.Where(m => m.Key != "datasource")
            .Select(m => KeyValuePair.Create(m.Key, Interpolate(m.Value, dashboard)))),
        Positioned.JsonArray array => new Json.JsonArray(array.Items.Select(item => Interpolate(item, dashboard)).ToArray()),
        Positioned.JsonString text => Json.JsonValue.Create(dashboard.Interpolate(text.Value)),
        Positioned.JsonLiteral literal => Json.JsonNode.Parse(literal.Text),
        _ => null,
    };
}
