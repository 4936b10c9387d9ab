using StackTests.Models.Documents;

namespace StackTests.Tests.Lint;

public sealed class JsonReaderTests
{
    [Fact]
    public void Nodes_know_their_line_and_column()
    {
        var root = (JsonObject)JsonReader.Parse("{\n  \"a\": [1,\n    {\"b\": \"é\", \"c\": true}]\n}");

        var inner = ((JsonArray)root["a"]!).Items[1].Should().BeOfType<JsonObject>().Subject;
        (inner.Line, inner.Column).Should().Be((3, 5));
        // Columns count characters, not UTF-8 bytes: "é" is one.
        (inner["c"]!.Line, inner["c"]!.Column).Should().Be((3, 21));
    }

    [Fact]
    public void Syntax_errors_name_the_line()
    {
        var parse = () => JsonReader.Parse("{\n  \"a\": 1\n  \"b\": 2\n}");

        parse.Should().Throw<JsonSyntaxException>().Which.Line.Should().Be(3);
    }
}
