namespace StackTests.Models.Documents;

/// <summary>
/// A JSON value that remembers where it starts (1-based line and column), so a finding
/// about a dashboard panel can point at the panel. System.Text.Json's DOM forgets positions.
/// </summary>
public abstract record JsonNode(int Line, int Column);

public sealed record JsonObject(int Line, int Column, IReadOnlyList<KeyValuePair<string, JsonNode>> Members)
    : JsonNode(Line, Column)
{
    public JsonNode? this[string key] => Members.FirstOrDefault(m => m.Key == key).Value;

    /// <summary>The string value of a member, or null when it is absent or not a string.</summary>
    public string? String(string key) => this[key] is JsonString s ? s.Value : null;

    public IEnumerable<JsonObject> Objects(string key) =>
        this[key] is JsonArray array ? array.Items.OfType<JsonObject>() : [];
}

public sealed record JsonArray(int Line, int Column, IReadOnlyList<JsonNode> Items) : JsonNode(Line, Column);

public sealed record JsonString(int Line, int Column, string Value) : JsonNode(Line, Column);

/// <summary>A number, true, false or null, kept as its JSON text.</summary>
public sealed record JsonLiteral(int Line, int Column, string Text) : JsonNode(Line, Column);
