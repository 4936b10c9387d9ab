using StackTests.Models.Documents;
using StackTests.Models.Queries;

namespace StackTests.Models.Dashboards;

/// <summary>
/// A panel's or target's datasource reference as written: {"type":..,"uid":..} since Grafana 8.3, or a
/// plain string in older dashboards (a name, or a variable such as "$datasource" / "${DS_PROMETHEUS}").
/// <see cref="ResolvedDatasource"/> says where it leads.
/// </summary>
public sealed record DatasourceRef(JsonNode Node, string? Uid, string? Type, string? Name)
{
    public const string Mixed = "-- Mixed --";

    /// <summary>Grafana's own pseudo datasources, which have no provisioning entry.</summary>
    private static readonly HashSet<string> BuiltIn = ["-- Grafana --", "grafana", "-- Dashboard --", "__expr__"];

    /// <summary>Null when the node inherits (absent, null or ""): the panel's datasource, or Grafana's default one.</summary>
    public static DatasourceRef? Parse(JsonNode? node) => node switch
    {
        null or JsonLiteral { Text: "null" } or JsonString { Value.Length: 0 } => null,
        JsonString name => new DatasourceRef(node, null, null, name.Value),
        JsonObject ds => new DatasourceRef(node, NullIfEmpty(ds.String("uid")), NullIfEmpty(ds.String("type")), null),
        _ => new DatasourceRef(node, null, null, null),
    };

    /// <summary>The uid or name it names, if any.</summary>
    public string? Text => Uid ?? Name;

    /// <summary>Neither an object nor a string.</summary>
    public bool IsMalformed => Node is not (JsonString or JsonObject);

    public bool IsMixed => Text == Mixed;

    public bool IsBuiltIn => !IsMixed && (Text is not null && BuiltIn.Contains(Text) || Type is "datasource" or "grafana" or "__expr__");

    /// <summary>The template variable it names ($ds, ${ds}, [[ds]]), or null.</summary>
    public string? VariableName => Text is { } text && TemplateSubstitution.Uses(text).FirstOrDefault() is { Index: 0 } use ? use.Name : null;

    /// <summary>An old-style reference by name (a plain string that is no variable and no built-in).</summary>
    public bool IsByName => Node is JsonString && VariableName is null && !IsBuiltIn && !IsMixed;

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    public override string ToString() => Text ?? $"type {Type}";
}
