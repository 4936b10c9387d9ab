using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Lint.Queries;

/// <summary>
/// The regular expressions of a PromQL or LogQL query that its backend compiles with Go's RE2:
/// label matchers <c>=~</c> / <c>!~</c> (Prometheus promql/parser and Loki both build them with
/// labels.NewMatcher, regexp), LogQL line filters <c>|~</c> / <c>!~</c> and the <c>regexp</c>
/// parser stage (Loki pkg/logql/log/filter.go and parser.go, regexp/syntax.Parse). A pattern RE2
/// rejects makes the backend answer the query with an error.
/// </summary>
public static partial class QueryRegexes
{
    // An operator that takes a regex, then a string literal: "..." (escapes), '...' (PromQL) or `...` (raw).
    [GeneratedRegex(@"(?<op>=~|!~|\|~|\bregexp\b)\s*(?<literal>""(?:[^""\\]|\\.)*""|'(?:[^'\\]|\\.)*'|`[^`]*`)", RegexOptions.Singleline)]
    private static partial Regex RegexOperand();

    /// <summary>Each regex of the (substituted) query: its pattern and the offset of its string literal.</summary>
    public static IEnumerable<(string Pattern, int Offset)> Of(string query)
    {
        foreach (Match match in RegexOperand().Matches(query))
        {
            var literal = match.Groups["literal"];
            if (Unquote(literal.Value) is { } pattern) yield return (pattern, literal.Index);
        }
    }

    /// <summary>The first regex of the query that RE2 rejects, with the problem; null when all compile.</summary>
    public static (string Pattern, int Offset, string Message)? FirstRejected(string query)
    {
        foreach (var (pattern, offset) in Of(query))
            if (Re2Syntax.Problem(pattern) is { } problem) return (pattern, offset, problem.Message);
        return null;
    }

    /// <summary>A Go string literal's value (strconv.Unquote); null for an escape Go would refuse (the grammar reports those).</summary>
    private static string? Unquote(string literal)
    {
        var quote = literal[0];
        var body = literal[1..^1];
        if (quote == '`') return body;
        var value = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\') { value.Append(body[i]); continue; }
            if (++i >= body.Length) return null;
            switch (body[i])
            {
                case '\\' or '"' or '\'': value.Append(body[i]); break;
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'v': value.Append('\v'); break;
                case 'x' when i + 2 < body.Length && int.TryParse(body.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var hex):
                    value.Append((char)hex); i += 2; break;
                case 'u' when i + 4 < body.Length && int.TryParse(body.AsSpan(i + 1, 4), System.Globalization.NumberStyles.HexNumber, null, out var unicode):
                    value.Append((char)unicode); i += 4; break;
                default: return null;
            }
        }
        return value.ToString();
    }
}
