using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StackTests.Harness.Clients;

/// <summary>One panel target made ready for /api/ds/query, or the reason it cannot be.</summary>
public sealed record PanelQuery(DashboardPanel Panel, PanelTarget Target, JsonObject? Query, string? Problem)
{
    public override string ToString() => $"{Panel.Title} [{Target.RefId}]: {(Problem ?? Query?.ToJsonString())}";
}

/// <summary>
/// Turns a dashboard's panel targets into /api/ds/query queries the way Grafana's frontend does
/// before sending them: the datasource reference resolved to {uid, type} (variables, names, the
/// default datasource), dashboard template variables ($var, ${var}, ${var:format}, [[var]])
/// replaced by their current values, and intervalMs/maxDataPoints added.
/// Grafana's built-in variables ($__interval, $__rate_interval, $__range, $__auto, ...) are left in
/// place on purpose: the datasource backends replace them server-side from intervalMs and the time
/// range, as they do for a real panel. Each backend knows its own set: Prometheus' includes
/// $__rate_interval (grafana pkg/promlib/models/query.go); Loki's is $__interval, $__interval_ms,
/// $__range, $__range_s, $__range_ms and $__auto, NOT $__rate_interval (pkg/tsdb/loki;
/// grafana/grafana#31593), so a LogQL panel with $__rate_interval fails in Grafana as it does here.
/// </summary>
public static partial class DashboardPanelQueries
{
    public static IReadOnlyList<PanelQuery> For(
        GrafanaDashboard dashboard, DashboardPanel panel, IReadOnlyList<GrafanaDatasource> datasources,
        long intervalMs = GrafanaQuery.DefaultIntervalMs)
    {
        var result = new List<PanelQuery>();
        foreach (var target in panel.Targets.Where(t => !t.Hide))
        {
            var reference = target.Datasource is { Uid: not DatasourceRef.Mixed } own ? own : panel.Datasource;
            var datasource = Resolve(reference, dashboard, datasources, out var problem);
            if (datasource is null)
            {
                result.Add(new PanelQuery(panel, target, null, problem));
                continue;
            }
            var query = (JsonObject)Interpolate(target.Json, dashboard.Variables)!;
            query["refId"] = target.RefId;
            query["datasource"] = GrafanaQuery.Datasource(datasource.Uid, datasource.Type);
            query["intervalMs"] = intervalMs;
            query["maxDataPoints"] = panel.MaxDataPoints ?? GrafanaQuery.DefaultMaxDataPoints;
            result.Add(new PanelQuery(panel, target, query, null));
        }
        return result;
    }

    /// <summary>Every panel's queries, in panel order.</summary>
    public static IReadOnlyList<PanelQuery> For(GrafanaDashboard dashboard, IReadOnlyList<GrafanaDatasource> datasources, long intervalMs = GrafanaQuery.DefaultIntervalMs) =>
        dashboard.Panels.SelectMany(p => For(dashboard, p, datasources, intervalMs)).ToList();

    private static GrafanaDatasource? Resolve(DatasourceRef? reference, GrafanaDashboard dashboard, IReadOnlyList<GrafanaDatasource> datasources, out string? problem)
    {
        problem = null;
        var key = reference?.Uid ?? reference?.Name;
        if (key is not null)
        {
            var resolved = Substitute(key, dashboard.Variables);
            var found = datasources.FirstOrDefault(d => d.Uid == resolved) ?? datasources.FirstOrDefault(d => d.Name == resolved);
            if (found is null) problem = $"datasource '{key}'{(resolved != key ? $" (= '{resolved}')" : "")} does not exist in Grafana";
            return found;
        }
        // No uid: the type's datasource (the default one of that type first), or Grafana's default.
        var candidates = reference?.Type is { } type ? datasources.Where(d => d.Type == type).ToList() : datasources.ToList();
        var chosen = candidates.FirstOrDefault(d => d.IsDefault) ?? (reference?.Type is not null ? candidates.FirstOrDefault() : null);
        if (chosen is null) problem = reference?.Type is { } t ? $"no datasource of type '{t}'" : "no default datasource";
        return chosen;
    }

    private static JsonNode? Interpolate(JsonNode? node, IReadOnlyList<DashboardVariable> variables) => node switch
    {
        JsonObject obj => new JsonObject(obj.Where(p => p.Key != "datasource").Select(p => KeyValuePair.Create(p.Key, Interpolate(p.Value, variables)))),
        JsonArray array => new JsonArray(array.Select(item => Interpolate(item, variables)).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) => JsonValue.Create(Substitute(text, variables)),
        _ => node?.DeepClone(),
    };

    /// <summary>Replaces dashboard variables in text; unknown names and Grafana built-ins ($__...) stay.</summary>
    public static string Substitute(string text, IReadOnlyList<DashboardVariable> variables) =>
        VariablePattern().Replace(text, match =>
        {
            var name = match.Groups["braced"].Success ? match.Groups["braced"].Value
                : match.Groups["bracket"].Success ? match.Groups["bracket"].Value
                : match.Groups["plain"].Value;
            var variable = variables.FirstOrDefault(v => v.Name == name);
            return variable is null || name.StartsWith("__", StringComparison.Ordinal) ? match.Value : Value(variable);
        });

    // Grafana's Prometheus/Loki formatting: one value as is; several as a regex alternation; All as allValue or every option.
    private static string Value(DashboardVariable variable)
    {
        var values = variable.Current.Contains("$__all")
            ? variable.AllValue is { } all ? [all] : variable.Options.Count > 0 ? variable.Options : [".*"]
            : variable.Current;
        return values.Count == 1 ? values[0] : $"({string.Join("|", values.Select(v => Regex.Escape(v)))})";
    }

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::[^}]*)?\}|\[\[(?<bracket>\w+)(?::[^\]]*)?\]\]|\$(?<plain>\w+)")]
    private static partial Regex VariablePattern();
}
