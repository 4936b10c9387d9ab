using StackTests.Models.Documents;

namespace StackTests.Models.Dashboards;

/// <summary>A panel of a dashboard: its datasource reference (null: inherited) and its targets (queries).</summary>
public sealed record DashboardPanel(JsonObject Json)
{
    /// <summary>Panel types that show no query results, so need no targets.</summary>
    private static readonly HashSet<string> TypesWithoutQueries = ["row", "text", "news", "dashlist", "alertlist", "annolist", "welcome"];

    public int? Id => Json["id"] is JsonLiteral id && int.TryParse(id.Text, out var number) ? number : null;

    public string Title => Json.String("title") ?? "";

    public string Type => Json.String("type") ?? "";

    public DatasourceRef? Datasource => DatasourceRef.Parse(Json["datasource"]);

    public IReadOnlyList<PanelTarget> Targets => Json.Objects("targets").Select(t => new PanelTarget(t)).ToList();

    /// <summary>The panel's minimum interval ("interval"), empty when it sets none.</summary>
    public string Interval => Json.String("interval") ?? "";

    public int? MaxDataPoints => Json["maxDataPoints"] is JsonLiteral max && int.TryParse(max.Text, out var points) ? points : null;

    /// <summary>A library panel keeps its queries in the library, not in the dashboard.</summary>
    public bool IsLibraryPanel => Json["libraryPanel"] is not null;

    /// <summary>Whether the panel shows query results of its own, so must have targets.</summary>
    public bool HasQueries => !TypesWithoutQueries.Contains(Type) && !IsLibraryPanel;

    /// <summary>The panel named for a message: by title, else by id.</summary>
    public string Where => Title.Length > 0 ? $"panel '{Title}'" : $"panel id {Id?.ToString() ?? "?"}";

    public override string ToString() => $"panel {Id} '{Title}' ({Type}, {Targets.Count} targets)";
}
