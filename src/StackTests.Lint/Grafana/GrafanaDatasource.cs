using System.Text.Json;

namespace StackTests.Lint.Grafana;

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

    public override string ToString() => $"{Name} ({Type}, uid {Uid})";
}
