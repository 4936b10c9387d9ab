using System.Text.Json;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using JsonValue = System.Text.Json.Nodes.JsonValue;
using StackTests.Models.Documents;
using YamlDotNet.RepresentationModel;

namespace StackTests.Models.Grafana;

/// <summary>
/// A Grafana datasource, from a provisioning file (with the file and line that declare it; empty Path otherwise) or from
/// Grafana's /api/datasources (with its jsonData, the type-specific settings).
/// </summary>
public sealed record GrafanaDatasource(string Name, string? Uid, string Type, string? Url, bool IsDefault, string Path = "", int Line = 0)
{
    /// <summary>jsonData as Grafana's API returns it; undefined (ValueKind Undefined) for a provisioning entry.</summary>
    public JsonElement JsonData { get; init; }

    /// <summary>One entry of GET /api/datasources or the answer of GET /api/datasources/uid/{uid}.</summary>
    public static GrafanaDatasource FromApi(JsonElement ds)
    {
        string? Text(string property) => ds.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return new GrafanaDatasource(Text("name") ?? "", Text("uid"), Text("type") ?? "", Text("url"),
            ds.TryGetProperty("isDefault", out var isDefault) && isDefault.ValueKind == JsonValueKind.True)
        {
            JsonData = ds.TryGetProperty("jsonData", out var jsonData) ? jsonData.Clone() : default,
        };
    }

    /// <summary>
    /// One entry of a provisioning file's <c>datasources:</c>, with its jsonData as Grafana would serve it.
    /// Grafana's provisioning reads "$$" as a literal "$" (docs, "Provision Grafana", environment variables);
    /// other environment references are left as written.
    /// </summary>
    public static GrafanaDatasource FromProvisioning(YamlMappingNode ds, string path) =>
        new(ds.Str("name") ?? "", ds.Str("uid"), ds.Str("type") ?? "", ds.Str("url"), ds.Str("isDefault") is "true", path, ds.Line())
        {
            JsonData = ds.Get("jsonData") is { } jsonData ? JsonSerializer.SerializeToElement(ToJson(jsonData)) : default,
        };

    /// <summary>Every entry of a provisioning file's <c>datasources:</c>, in file order.</summary>
    public static IReadOnlyList<GrafanaDatasource> FromProvisioningFile(YamlMappingNode root, string path) =>
        root.Seq("datasources").OfType<YamlMappingNode>().Select(ds => FromProvisioning(ds, path)).ToList();

    private static System.Text.Json.Nodes.JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } flag => JsonValue.Create(flag.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value?.Replace("$$", "$")),
        _ => null,
    };

    public override string ToString() => $"{Name} ({Type}, uid {Uid})";
}
