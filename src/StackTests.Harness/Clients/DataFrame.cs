using System.Text.Json;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The answer of POST /api/ds/query: one result per refId, each with data frames or an error.
/// Shape: {"results":{"A":{"status":200,"frames":[{"schema":{"refId":"A","fields":[..]},"data":{"values":[[..],[..]]}}]}}},
/// or {"results":{"A":{"error":"..","errorSource":"downstream","status":400}}}.
/// </summary>
public sealed record DsQueryResponse(IReadOnlyDictionary<string, DsQueryResult> Results)
{
    public DsQueryResult this[string refId] => Results[refId];

    public static DsQueryResponse Parse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var results = new Dictionary<string, DsQueryResult>();
        if (root.TryGetProperty("results", out var all) && all.ValueKind == JsonValueKind.Object)
            foreach (var result in all.EnumerateObject())
                results[result.Name] = ParseResult(result.Name, result.Value);
        return new DsQueryResponse(results);
    }

    private static DsQueryResult ParseResult(string refId, JsonElement result) => new(
        refId,
        result.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number ? status.GetInt32() : null,
        result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
        result.TryGetProperty("frames", out var frames) && frames.ValueKind == JsonValueKind.Array
            ? frames.EnumerateArray().Select(ParseFrame).ToList() : []);

    private static DataFrame ParseFrame(JsonElement frame)
    {
        var schema = frame.TryGetProperty("schema", out var s) ? s : default;
        var columns = frame.TryGetProperty("data", out var data) && data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Array ? c.EnumerateArray().Select(v => v.Clone()).ToList() : []).ToList()
            : [];
        var fields = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("fields", out var f)
            ? f.EnumerateArray().Select((field, i) => new FrameField(
                Text(field, "name"),
                Text(field, "type"),
                field.TryGetProperty("labels", out var labels) && labels.ValueKind == JsonValueKind.Object
                    ? labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "") : new Dictionary<string, string>(),
                i < columns.Count ? columns[i] : [])).ToList()
            : [];
        var notices = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("meta", out var meta) && meta.TryGetProperty("notices", out var n)
            ? n.EnumerateArray().Select(x => Text(x, "text")).ToList() : [];
        return new DataFrame(Text(schema, "name"), Text(schema, "refId"), fields, notices);
    }

}

/// <summary>The result of one query (refId): frames, or an error from the datasource.</summary>
public sealed record DsQueryResult(string RefId, int? Status, string? Error, IReadOnlyList<DataFrame> Frames)
{
    public bool IsError => Error is not null || Status is >= 400;
    public int TotalRows => Frames.Sum(f => f.RowCount);

    public override string ToString() => IsError
        ? $"{RefId}: error {Status}: {Error}"
        : $"{RefId}: {Frames.Count} frames, {TotalRows} rows";
}

/// <summary>A data frame: named, typed columns of equal length.</summary>
public sealed record DataFrame(string Name, string RefId, IReadOnlyList<FrameField> Fields, IReadOnlyList<string> Notices)
{
    public int RowCount => Fields.Count == 0 ? 0 : Fields[0].Values.Count;
    public IReadOnlyList<string> FieldNames => Fields.Select(f => f.Name).ToList();
    public FrameField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
    public override string ToString() => $"frame '{Name}' [{string.Join(", ", FieldNames)}] {RowCount} rows";
}

/// <summary>A column: name, type (time, number, string, other), labels (series labels) and values.</summary>
public sealed record FrameField(string Name, string Type, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<JsonElement> Values);
