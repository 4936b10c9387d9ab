using StackTests.Models.Documents;
using StackTests.Models.Queries;

namespace StackTests.Models.Dashboards;

/// <summary>
/// A Grafana dashboard, from a file or from GET /api/dashboards/uid/{uid} ({"dashboard":{..},"meta":{..}}),
/// read with positions: its panels (rows' and old-style rows[] nested panels included) and template variables.
/// Model: https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
/// </summary>
public sealed record Dashboard(string Path, JsonObject Root, JsonObject? Meta = null)
{
    public string? Uid => Root.String("uid");

    public string? Title => Root.String("title");

    public IReadOnlyList<string> Tags => Root["tags"] is JsonArray tags ? tags.Items.OfType<JsonString>().Select(t => t.Value).ToList() : [];

    /// <summary>The folder Grafana keeps the dashboard in (only in an API answer).</summary>
    public string? FolderTitle => Meta?.String("folderTitle");

    public IReadOnlyList<DashboardVariable> Variables =>
        (Root["templating"] as JsonObject)?.Objects("list").Select(v => new DashboardVariable(v)).Where(v => v.Name.Length > 0).ToList() ?? [];

    /// <summary>The variable of that name (the first, as Grafana keeps one per name), or null.</summary>
    public DashboardVariable? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);

    /// <summary>Names of variables that hold a duration (interval variables), for template substitution.</summary>
    public IReadOnlySet<string> DurationVariables => Variables.Where(v => v.Type == "interval").Select(v => v.Name).ToHashSet();

    /// <summary>Every panel, depth first: top-level panels, panels nested in (collapsed) rows, and old-style rows[].panels.</summary>
    public IReadOnlyList<DashboardPanel> Panels
    {
        get
        {
            var panels = new List<DashboardPanel>();
            var pending = new Stack<JsonObject>(Root.Objects("panels")
                .Concat(Root.Objects("rows").SelectMany(r => r.Objects("panels"))).Reverse());
            while (pending.Count > 0)
            {
                var panel = pending.Pop();
                panels.Add(new DashboardPanel(panel));
                foreach (var nested in panel.Objects("panels").Reverse()) pending.Push(nested);
            }
            return panels;
        }
    }

    /// <summary>
    /// The text with the dashboard's variables replaced by their current values, as Grafana's frontend
    /// does before it sends a query. Grafana's built-ins ($__...) are asked of <paramref name="builtIn"/>;
    /// without it, or when it answers null, they stay for the datasource's backend. Unknown names stay.
    /// </summary>
    public string Interpolate(string text, Func<string, string?>? builtIn = null)
    {
        var variables = Variables;
        return TemplateSubstitution.Replace(text, use => use.Name.StartsWith("__", StringComparison.Ordinal)
            ? builtIn?.Invoke(use.Name)
            : variables.FirstOrDefault(v => v.Name == use.Name)?.FormattedValue()).Text;
    }

    /// <summary>Parses a dashboard; the JSON may be wrapped as {"dashboard": {...}, "meta": {...}} (the HTTP API's shape).</summary>
    public static Dashboard Parse(string path, string text)
    {
        var root = JsonReader.Parse(text) as JsonObject
            ?? throw new JsonSyntaxException(1, 1, "a dashboard must be a JSON object");
        return root["dashboard"] is JsonObject inner && root["panels"] is null
            ? new Dashboard(path, inner, root["meta"] as JsonObject)
            : new Dashboard(path, root);
    }

    public override string ToString() => $"{Title} ({Uid}): {Panels.Count} panels";
}
