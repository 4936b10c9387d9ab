using System.Text.Json;
using System.Text.Json.Nodes;

namespace StackTests.Harness.Clients;

/// <summary>
/// A dashboard as GET /api/dashboards/uid/{uid} returns it ({"dashboard":{..},"meta":{..}}), reduced to
/// what rendering needs: the panels (incl. those nested in collapsed rows and old-style "rows"),
/// their datasource and targets, and the template variables with their current values.
/// Model: https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
/// </summary>
public sealed record GrafanaDashboard(
    string Uid, string Title, IReadOnlyList<string> Tags, string FolderTitle,
    IReadOnlyList<DashboardPanel> Panels, IReadOnlyList<DashboardVariable> Variables)
{
    public static GrafanaDashboard Parse(string json)
    {
        var root = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("empty dashboard response");
        var dashboard = root["dashboard"] as JsonObject ?? root;
        var meta = root["meta"] as JsonObject;
        var panels = new List<DashboardPanel>();
        foreach (var panel in Items(dashboard["panels"])) AddPanel(panel, panels);
        foreach (var row in Items(dashboard["rows"]))
            foreach (var panel in Items(row["panels"])) AddPanel(panel, panels);
        var variables = Items(dashboard["templating"]?["list"]).Select(DashboardVariable.Parse).ToList();
        return new GrafanaDashboard(
            Text(dashboard["uid"]), Text(dashboard["title"]),
            Items(dashboard["tags"]).Select(Text).ToList(), Text(meta?["folderTitle"]),
            panels, variables);
    }

    // A row panel is a container: its own "panels" hold the panels of a collapsed row.
    private static void AddPanel(JsonObject panel, List<DashboardPanel> panels)
    {
        if (Text(panel["type"]) == "row")
        {
            foreach (var inner in Items(panel["panels"])) AddPanel(inner, panels);
            return;
        }
        panels.Add(DashboardPanel.Parse(panel));
    }

    internal static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray array ? array.OfType<JsonObject>() : [];

    internal static string Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text
        : node is JsonValue number ? number.ToJsonString() : "";

    public override string ToString() => $"{Title} ({Uid}): {Panels.Count} panels";
}

/// <summary>A panel: its datasource (may be null: the default) and its queries.</summary>
public sealed record DashboardPanel(
    int Id, string Title, string Type, DatasourceRef? Datasource, IReadOnlyList<PanelTarget> Targets,
    string Interval, int? MaxDataPoints, bool IsLibraryPanel)
{
    internal static DashboardPanel Parse(JsonObject panel) => new(
        panel["id"] is JsonValue id && id.TryGetValue<int>(out var number) ? number : 0,
        GrafanaDashboard.Text(panel["title"]),
        GrafanaDashboard.Text(panel["type"]),
        DatasourceRef.Parse(panel["datasource"]),
        GrafanaDashboard.Items(panel["targets"]).Select(PanelTarget.Parse).ToList(),
        GrafanaDashboard.Text(panel["interval"]),
        panel["maxDataPoints"] is JsonValue max && max.TryGetValue<int>(out var points) ? points : null,
        panel["libraryPanel"] is not null);

    public override string ToString() => $"panel {Id} '{Title}' ({Type}, {Targets.Count} targets)";
}

/// <summary>A panel query as stored in the dashboard; Json is the whole target object sent to /api/ds/query.</summary>
public sealed record PanelTarget(string RefId, DatasourceRef? Datasource, bool Hide, JsonObject Json)
{
    internal static PanelTarget Parse(JsonObject target) => new(
        GrafanaDashboard.Text(target["refId"]) is { Length: > 0 } refId ? refId : "A",
        DatasourceRef.Parse(target["datasource"]),
        target["hide"] is JsonValue hide && hide.TryGetValue<bool>(out var hidden) && hidden,
        (JsonObject)target.DeepClone());
}

/// <summary>
/// A datasource reference: {"type":..,"uid":..} since Grafana 8.3, or a plain string (a name, or
/// a variable such as "$datasource" / "${DS_PROMETHEUS}") in older dashboards.
/// </summary>
public sealed record DatasourceRef(string? Uid, string? Type, string? Name)
{
    public const string Mixed = "-- Mixed --";

    public static DatasourceRef? Parse(JsonNode? node) => node switch
    {
        JsonObject ds => new DatasourceRef(NullIfEmpty(GrafanaDashboard.Text(ds["uid"])), NullIfEmpty(GrafanaDashboard.Text(ds["type"])), null),
        JsonValue value when value.TryGetValue<string>(out var name) && name.Length > 0 => new DatasourceRef(null, null, name),
        _ => null,
    };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    public override string ToString() => Uid ?? Name ?? $"type {Type}";
}

/// <summary>A template variable and its current value(s); "$__all" stands for "All".</summary>
public sealed record DashboardVariable(string Name, string Type, IReadOnlyList<string> Current, string? AllValue, IReadOnlyList<string> Options)
{
    internal static DashboardVariable Parse(JsonObject variable)
    {
        var current = variable["current"]?["value"] switch
        {
            JsonArray many => many.Select(GrafanaDashboard.Text).ToList(),
            JsonNode one => [GrafanaDashboard.Text(one)],
            null => GrafanaDashboard.Text(variable["query"]) is { Length: > 0 } query && Text(variable, "type") is "constant" or "textbox"
                ? [query] : [],
        };
        var options = GrafanaDashboard.Items(variable["options"]).Select(o => GrafanaDashboard.Text(o["value"])).Where(v => v != "$__all").ToList();
        return new DashboardVariable(
            Text(variable, "name"), Text(variable, "type"), current,
            variable["allValue"] is JsonValue all && all.TryGetValue<string>(out var allValue) ? allValue : null,
            options);
    }

    private static string Text(JsonObject node, string property) => GrafanaDashboard.Text(node[property]);
}
