using StackTests.Lint.Documents;

namespace StackTests.Lint.Dashboards;

/// <summary>A dashboard JSON file read with positions: its panels (rows' nested panels included) and variables.</summary>
public sealed record Dashboard(string Path, JsonObject Root)
{
    public string? Uid => Root.String("uid");

    public string? Title => Root.String("title");

    /// <summary>Template variables by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables =>
        (Root["templating"] as JsonObject)?.Objects("list")
            .Where(v => v.String("name") is { Length: > 0 })
            .GroupBy(v => v.String("name")!)
            .ToDictionary(g => g.Key, g => g.First())
        ?? new Dictionary<string, JsonObject>();

    /// <summary>Names of variables that hold a duration (interval variables), for template substitution.</summary>
    public IReadOnlySet<string> DurationVariables =>
        Variables.Where(v => v.Value.String("type") == "interval").Select(v => v.Key).ToHashSet();

    /// <summary>Every panel, depth first: top-level panels, panels nested in (collapsed) rows, and old-style rows[].panels.</summary>
    public IEnumerable<JsonObject> Panels()
    {
        var pending = new Stack<JsonObject>(Root.Objects("panels")
            .Concat(Root.Objects("rows").SelectMany(r => r.Objects("panels"))).Reverse());
        while (pending.Count > 0)
        {
            var panel = pending.Pop();
            yield return panel;
            foreach (var nested in panel.Objects("panels").Reverse()) pending.Push(nested);
        }
    }

    /// <summary>Parses a dashboard file; the JSON may also be wrapped as {"dashboard": {...}} (the HTTP API shape).</summary>
    public static Dashboard Parse(string path, string text)
    {
        var root = JsonReader.Parse(text) as JsonObject
            ?? throw new JsonSyntaxException(1, 1, "a dashboard must be a JSON object");
        if (root["dashboard"] is JsonObject inner && root["panels"] is null) root = inner;
        return new Dashboard(path, root);
    }
}
