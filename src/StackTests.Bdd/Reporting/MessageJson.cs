using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd.Reporting;

/// <summary>
/// Cucumber messages as JSON, the way the schema spells them: camelCase fields, absent optional
/// fields left out, enums as their schema values ("PASSED", "text/x.cucumber.gherkin+plain").
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new SchemaEnumConverterFactory() },
    };

    public static string Serialize(Envelope envelope) => JsonSerializer.Serialize(envelope, Options);

    // Each messages enum E has a generated EExtensions.Value(E) giving its schema value.
    private sealed class SchemaEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type type) => type.IsEnum && type.Namespace == typeof(Envelope).Namespace;

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(SchemaEnumConverter<>).MakeGenericType(type))!;
    }

    private sealed class SchemaEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly ConcurrentDictionary<T, string> Values = new();
        private static readonly System.Reflection.MethodInfo? ValueMethod =
            typeof(T).Assembly.GetType(typeof(T).FullName + "Extensions")?.GetMethod("Value", [typeof(T)]);

        public override T Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return Enum.GetValues<T>().First(v => ValueOf(v) == text);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ValueOf(value));

        private static string ValueOf(T value) =>
            Values.GetOrAdd(value, v => ValueMethod?.Invoke(null, [v]) as string ?? v.ToString());
    }
}
