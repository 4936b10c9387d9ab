using System.Text.RegularExpressions;
using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Corpus;

/// <summary>
/// The expected errors of an invalid corpus file, read the way grafana/alloy's parser test harness
/// reads them: a comment <c>/* ERROR "rx" */</c> expects an error matching rx at the start of the
/// token before it; <c>/* ERROR HERE "rx" */</c> expects it right after that token.
/// </summary>
public static partial class ErrorMarkers
{
    public sealed record Marker(Position Position, string MessagePattern);

    [GeneratedRegex("""^/\* *ERROR *(HERE)? *"([^"]*)" *\*/$""")]
    private static partial Regex MarkerComment();

    public static IReadOnlyList<Marker> Read(string text)
    {
        var markers = new List<Marker>();
        var lexer = new Lexer(text, includeComments: true);
        Position previous = default, afterPrevious = default;
        for (var token = lexer.Scan(); token.Kind != TokenKind.Eof; token = lexer.Scan())
        {
            if (token.Kind == TokenKind.Comment)
            {
                var match = MarkerComment().Match(token.Text);
                if (match.Success)
                    markers.Add(new Marker(match.Groups[1].Success ? afterPrevious : previous, match.Groups[2].Value));
            }
            else if (token.Kind != TokenKind.Terminator)
            {
                previous = token.Position;
                var length = token.Kind is TokenKind.Ident or TokenKind.Number or TokenKind.Float or TokenKind.String
                    ? token.Text.Length
                    : token.Kind.Describe().Length;
                afterPrevious = lexer.PositionAt(previous.Offset + length);
            }
        }
        return markers;
    }
}
