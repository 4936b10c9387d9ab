using System.Text.Json;

namespace StackTests.Harness.Clients;

/// <summary>Tolerant reads of JSON response fields shared by the parsers: a missing field is empty, not an error.</summary>
internal static class JsonRead
{
    /// <summary>The first of the named properties present on an object; default (Undefined) when none is.</summary>
    public static JsonElement Property(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object) return default;
        foreach (var name in names)
            if (element.TryGetProperty(name, out var value)) return value;
        return default;
    }

    /// <summary>A string property's value, or "" when absent or not a string.</summary>
    public static string Text(JsonElement element, params string[] names) =>
        Property(element, names) is { ValueKind: JsonValueKind.String } value ? value.GetString() ?? "" : "";

    /// <summary>An object of string values (labels, annotations), or empty.</summary>
    public static Dictionary<string, string> StringMap(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? "" : p.Value.GetRawText())
            : [];
}
