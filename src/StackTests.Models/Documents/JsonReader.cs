using System.Text;
using System.Text.Json;

namespace StackTests.Models.Documents;

/// <summary>A JSON text that is not valid JSON; names the line and column of the problem.</summary>
public sealed class JsonSyntaxException(int line, int column, string problem) : Exception(problem)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>Reads JSON into <see cref="JsonNode"/>s that carry line and column.</summary>
public static class JsonReader
{
    public static JsonNode Parse(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read()) throw new JsonSyntaxException(1, 1, "the file is empty");
            var root = ReadValue(ref reader, bytes, lineStarts);
            if (reader.Read()) throw At(reader.TokenStartIndex, bytes, lineStarts, "unexpected text after the JSON value");
            return root;
        }
        catch (JsonException e)
        {
            throw new JsonSyntaxException((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, e.Message);
        }
    }

    private static JsonNode ReadValue(ref Utf8JsonReader reader, byte[] bytes, int[] lineStarts)
    {
        var (line, column) = Position(reader.TokenStartIndex, bytes, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var members = new List<KeyValuePair<string, JsonNode>>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    members.Add(new(key, ReadValue(ref reader, bytes, lineStarts)));
                }
                return new JsonObject(line, column, members);
            case JsonTokenType.StartArray:
                var items = new List<JsonNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, bytes, lineStarts));
                return new JsonArray(line, column, items);
            case JsonTokenType.String:
                return new JsonString(line, column, reader.GetString()!);
            default:
                return new JsonLiteral(line, column, Encoding.UTF8.GetString(reader.ValueSpan));
        }
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return [.. starts];
    }

    private static (int Line, int Column) Position(long offset, byte[] bytes, int[] lineStarts)
    {
        var index = Array.BinarySearch(lineStarts, (int)offset);
        if (index < 0) index = ~index - 1;
        var column = Encoding.UTF8.GetCharCount(bytes, lineStarts[index], (int)offset - lineStarts[index]) + 1;
        return (index + 1, column);
    }

    private static JsonSyntaxException At(long offset, byte[] bytes, int[] lineStarts, string problem)
    {
        var (line, column) = Position(offset, bytes, lineStarts);
        return new JsonSyntaxException(line, column, problem);
    }
}
