using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Syntax;

public sealed class StringLiteralsTests
{
    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"tab\\tnewline\\n\"", "tab\tnewline\n")]
    [InlineData("\"quote \\\" backslash \\\\\"", "quote \" backslash \\")]
    [InlineData("\"\\x41\\101\"", "AA")]
    [InlineData("\"\\u00e9 \\xc3\\xa9\"", "é é")]
    [InlineData("\"\\U0001F600\"", "\U0001F600")]
    [InlineData("\"password\\\\=[^\\\\s]*\"", "password\\=[^\\s]*")]
    [InlineData("`raw \\n stays`", "raw \\n stays")]
    [InlineData("`line\r\nbreak`", "line\nbreak")]
    public void Unquote_resolves_escapes_as_go_does(string literal, string value)
    {
        StringLiterals.Unquote(literal).Should().Be(value);
    }
}
