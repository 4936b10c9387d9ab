using System.Text.Json;

namespace StackTests.Tests.Bdd;

/// <summary>A Cucumber messages NDJSON stream read back: each line's message type and body.</summary>
internal sealed class Ndjson(IReadOnlyList<(string Type, JsonElement Body)> messages)
{
    public IReadOnlyList<(string Type, JsonElement Body)> Messages { get; } = messages;

    public static Ndjson Parse(string text) => new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line =>
        {
            var envelope = JsonDocument.Parse(line).RootElement;
            envelope.EnumerateObject().Should().ContainSingle("an envelope holds exactly one message: {0}", line);
            var message = envelope.EnumerateObject().Single();
            return (message.Name, message.Value.Clone());
        })
        .ToList());

    public IEnumerable<JsonElement> Of(string type) => Messages.Where(m => m.Type == type).Select(m => m.Body);

    public int IndexOf(string type, Func<JsonElement, bool>? where = null) =>
        Messages.Select((m, i) => (m, i)).First(x => x.m.Type == type && (where is null || where(x.m.Body))).i;
}

internal static class JsonElementExtensions
{
    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>Asserts the element has these properties (the schema's required fields).</summary>
    public static JsonElement Requires(this JsonElement element, params string[] properties)
    {
        foreach (var property in properties)
            element.TryGetProperty(property, out _).Should().BeTrue("'{0}' is required in {1}", property, element.GetRawText());
        return element;
    }
}
