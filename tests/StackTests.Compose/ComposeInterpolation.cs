using System.Text;

namespace StackTests.Compose;

/// <summary>
/// Compose's variable interpolation (https://docs.docker.com/reference/compose-file/interpolation/):
/// ${VAR}, ${VAR:-default}, ${VAR-default}, $VAR, and $$ for a literal dollar. Unset variables
/// without a default become empty, as compose does (it only warns).
/// </summary>
public static class ComposeInterpolation
{
    public static string Apply(string text, Func<string, string?> lookup)
    {
        if (!text.Contains('$')) return text;
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length) { result.Append(text[i]); continue; }
            var next = text[i + 1];
            if (next == '$') { result.Append('$'); i++; continue; }
            if (next == '{')
            {
                var close = text.IndexOf('}', i + 2);
                if (close < 0) { result.Append(text[i..]); break; }
                result.Append(Expand(text[(i + 2)..close], lookup));
                i = close;
                continue;
            }
            if (char.IsLetter(next) || next == '_')
            {
                var end = i + 1;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                result.Append(lookup(text[(i + 1)..end]) ?? "");
                i = end - 1;
                continue;
            }
            result.Append('$');
        }
        return result.ToString();
    }

    private static string Expand(string expression, Func<string, string?> lookup)
    {
        var colonDash = expression.IndexOf(":-", StringComparison.Ordinal);
        if (colonDash >= 0)
            return lookup(expression[..colonDash]) is { Length: > 0 } set ? set : expression[(colonDash + 2)..];
        var dash = expression.IndexOf('-');
        if (dash >= 0)
            return lookup(expression[..dash]) ?? expression[(dash + 1)..];
        // ${VAR:?message} and ${VAR?message}: required variables; read as their value or empty.
        var question = expression.IndexOfAny([':', '?']);
        return lookup(question >= 0 ? expression[..question] : expression) ?? "";
    }
}
