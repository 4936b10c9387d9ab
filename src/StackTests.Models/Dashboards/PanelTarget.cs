using StackTests.Models.Documents;

namespace StackTests.Models.Dashboards;

/// <summary>A panel query as stored in the dashboard; Json is the whole target object.</summary>
public sealed record PanelTarget(JsonObject Json)
{
    /// <summary>The target's refId; Grafana names an unnamed first target "A".</summary>
    public string RefId => Json.String("refId") is { Length: > 0 } refId ? refId : "A";

    /// <summary>The target's own datasource reference; null: the panel's.</summary>
    public DatasourceRef? Datasource => DatasourceRef.Parse(Json["datasource"]);

    public bool Hide => Json["hide"] is JsonLiteral { Text: "true" };

    public override string ToString() => $"target {RefId}";
}
