using StackTests.Lint.Documents;
using StackTests.Lint.Grafana;

namespace StackTests.Lint.Dashboards;

/// <summary>
/// Where a panel's or target's datasource reference leads: its plugin type (for the query
/// language) and, when it cannot be resolved, why.
/// </summary>
public sealed record DatasourceRef(string? Type, string? Problem, bool ByName)
{
    /// <summary>Grafana's own pseudo datasources, which have no provisioning entry.</summary>
    private static readonly HashSet<string> BuiltIn = ["-- Grafana --", "grafana", "-- Mixed --", "-- Dashboard --", "__expr__"];

    public bool IsMixed => Type == "mixed";

    /// <summary>Resolves a reference. <paramref name="datasources"/> is null when the provisioned datasources are unknown (a single file).</summary>
    public static DatasourceRef? Resolve(JsonNode? node, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources)
    {
        switch (node)
        {
            case null or JsonLiteral { Text: "null" }:
                return null; // inherit: the panel's, or Grafana's default datasource
            case JsonString s:
                return FromText(s.Value, null, dashboard, datasources, byName: !IsVariable(s.Value));
            case JsonObject o:
                return FromText(o.String("uid") ?? "", o.String("type"), dashboard, datasources, byName: false);
            default:
                return new DatasourceRef(null, "datasource must be an object {type, uid}", false);
        }
    }

    private static DatasourceRef FromText(string text, string? type, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources, bool byName)
    {
        if (text is "-- Mixed --" || type == "datasource" && text == "-- Mixed --") return new DatasourceRef("mixed", null, false);
        if (BuiltIn.Contains(text) || type is "datasource" or "grafana" or "__expr__") return new DatasourceRef(type ?? "grafana", null, false);
        if (IsVariable(text))
        {
            var name = text.TrimStart('$').Trim('{', '}').Split(':')[0];
            if (!dashboard.Variables.TryGetValue(name, out var variable))
                return new DatasourceRef(type, $"datasource variable '{text}' is not defined in the dashboard's templating", false);
            return new DatasourceRef(type ?? variable.String("query"), null, false);
        }
        if (datasources is null) return new DatasourceRef(type ?? Guess(text), null, byName);
        var match = byName
            ? datasources.FirstOrDefault(d => d.Name == text || d.Uid == text)
            : datasources.FirstOrDefault(d => d.Uid == text);
        if (match is null)
            return new DatasourceRef(type, byName
                ? $"datasource '{text}' is neither the name nor the uid of a provisioned datasource"
                : $"datasource uid '{text}' is not provisioned (uids: {string.Join(", ", datasources.Select(d => d.Uid).OfType<string>().Order())})", byName);
        if (type is not null && match.Type != type)
            return new DatasourceRef(type, $"datasource uid '{text}' has type '{match.Type}', not '{type}'", byName);
        return new DatasourceRef(match.Type, null, byName);
    }

    /// <summary>The default datasource Grafana uses when a panel names none.</summary>
    public static DatasourceRef? Default(IReadOnlyList<GrafanaDatasource>? datasources) =>
        datasources?.FirstOrDefault(d => d.IsDefault) is { } d ? new DatasourceRef(d.Type, null, false) : null;

    private static bool IsVariable(string text) => text.StartsWith('$');

    /// <summary>Without provisioning files, a conventional uid still tells the type.</summary>
    private static string? Guess(string uid) =>
        uid.Contains("loki", StringComparison.OrdinalIgnoreCase) ? "loki"
        : uid.Contains("tempo", StringComparison.OrdinalIgnoreCase) ? "tempo"
        : uid.Contains("prom", StringComparison.OrdinalIgnoreCase) ? "prometheus"
        : null;
}
