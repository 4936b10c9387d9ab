using StackTests.Models.Grafana;

namespace StackTests.Models.Dashboards;

/// <summary>
/// Where a datasource reference leads: its plugin type (the query language), the datasource itself
/// when the datasources are known (provisioning files, or Grafana's /api/datasources), or why it leads
/// nowhere. Resolved as Grafana's frontend does before it sends a panel's queries: a target's own
/// reference, else the panel's (unless "-- Mixed --"), else the default datasource; a variable by its
/// current value, else the default datasource of its type; a bare type by that type's default one.
/// </summary>
public sealed record ResolvedDatasource(string? Type, GrafanaDatasource? Datasource, string? Problem)
{
    /// <summary>The datasource a target's query goes to; null when it inherits and the datasources are unknown.</summary>
    public static ResolvedDatasource? ForTarget(DashboardPanel panel, PanelTarget target, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources)
    {
        var reference = target.Datasource is { IsMixed: false } own ? own
            : panel.Datasource is { IsMixed: false } inherited ? inherited
            : null;
        return reference is null ? Default(datasources) : Of(reference, dashboard, datasources);
    }

    /// <summary>Resolves one reference. <paramref name="datasources"/> is null when they are unknown (a dashboard linted on its own).</summary>
    public static ResolvedDatasource Of(DatasourceRef reference, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources)
    {
        if (reference.IsMalformed) return new ResolvedDatasource(null, null, "datasource must be an object {type, uid}");
        if (reference.IsMixed) return new ResolvedDatasource("mixed", null, null);
        if (reference.IsBuiltIn) return new ResolvedDatasource(reference.Type ?? "grafana", null, null);
        if (reference.VariableName is { } name) return OfVariable(reference, name, dashboard, datasources);
        if (reference.Text is not { } text) return OfType(reference.Type, datasources, $"no datasource of type '{reference.Type}'");
        if (datasources is null) return new ResolvedDatasource(reference.Type ?? Guess(text), null, null);

        var match = reference.IsByName
            ? datasources.FirstOrDefault(d => d.Name == text) ?? datasources.FirstOrDefault(d => d.Uid == text)
            : datasources.FirstOrDefault(d => d.Uid == text);
        if (match is null)
            return new ResolvedDatasource(reference.Type, null, reference.IsByName
                ? $"datasource '{text}' is neither the name nor the uid of a provisioned datasource"
                : $"datasource uid '{text}' is not provisioned (uids: {string.Join(", ", datasources.Select(d => d.Uid).OfType<string>().Order())})");
        if (reference.Type is not null && match.Type != reference.Type)
            return new ResolvedDatasource(reference.Type, null, $"datasource uid '{text}' has type '{match.Type}', not '{reference.Type}'");
        return new ResolvedDatasource(match.Type, match, null);
    }

    /// <summary>The default datasource Grafana uses when a panel names none; null when the datasources are unknown.</summary>
    public static ResolvedDatasource? Default(IReadOnlyList<GrafanaDatasource>? datasources) =>
        datasources is null ? null
        : datasources.FirstOrDefault(d => d.IsDefault) is { } d ? new ResolvedDatasource(d.Type, d, null)
        : new ResolvedDatasource(null, null, "no default datasource");

    private static ResolvedDatasource OfVariable(DatasourceRef reference, string name, Dashboard dashboard, IReadOnlyList<GrafanaDatasource>? datasources)
    {
        if (dashboard.Variable(name) is not { } variable)
            return new ResolvedDatasource(reference.Type, null, $"datasource variable '{reference.Text}' is not defined in the dashboard's templating");
        // A datasource variable's query is the plugin type it offers.
        var type = reference.Type ?? variable.Query;
        var current = datasources is null ? null : variable.Current
            .Select(value => datasources.FirstOrDefault(d => d.Uid == value) ?? datasources.FirstOrDefault(d => d.Name == value))
            .FirstOrDefault(d => d is not null && (type is null || d.Type == type));
        return current is not null
            ? new ResolvedDatasource(current.Type, current, null)
            : OfType(type, datasources, $"datasource variable '{reference.Text}' selects no datasource{(type is null ? "" : $" of type '{type}'")}");
    }

    /// <summary>The default datasource of a type, else the first of it (any type's default when type is null).</summary>
    private static ResolvedDatasource OfType(string? type, IReadOnlyList<GrafanaDatasource>? datasources, string problem)
    {
        if (datasources is null) return new ResolvedDatasource(type, null, null);
        var candidates = datasources.Where(d => type is null || d.Type == type).ToList();
        var chosen = candidates.FirstOrDefault(d => d.IsDefault) ?? (type is not null ? candidates.FirstOrDefault() : null);
        return chosen is null ? new ResolvedDatasource(type, null, problem) : new ResolvedDatasource(chosen.Type, chosen, null);
    }

    /// <summary>Without the datasources, a conventional uid still tells the type.</summary>
    private static string? Guess(string uid) =>
        uid.Contains("loki", StringComparison.OrdinalIgnoreCase) ? "loki"
        : uid.Contains("tempo", StringComparison.OrdinalIgnoreCase) ? "tempo"
        : uid.Contains("prom", StringComparison.OrdinalIgnoreCase) ? "prometheus"
        : null;
}
