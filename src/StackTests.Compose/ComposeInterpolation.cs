using System.Text;

namespace StackTests.Compose;

/// <summary>
/// Compose's variable interpolation (https://docs.docker.com/reference/compose-file/interpolation/),
/// as `docker compose config` resolves it: $VAR and ${VAR}; ${VAR:-default} (unset or empty) and
/// ${VAR-default} (unset); ${VAR:+replacement} (set and not empty) and ${VAR+replacement} (set);
/// ${VAR:?message} (unset or empty) and ${VAR?message} (unset) fail with the message; defaults,
/// replacements and messages are interpolated in turn, so they nest (${A:-${B:-x}}); $$ is a
/// literal $, as is a $ before anything but a name or a brace. An unset variable without a default
/// becomes empty (compose only warns).
/// </summary>
public static class ComposeInterpolation
{
    private static readonly string[] Operators = [":-", "-", ":+", "+", ":?", "?"];

    /// <exception cref="ComposeInterpolationException">a required variable has no value, or a ${...} is malformed</exception>
    public static string Apply(string text, Func<string, string?> lookup)
    {
        if (!text.Contains('$')) return text;
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var dollar = text.IndexOf('$', i);
            if (dollar < 0 || dollar == text.Length - 1)
            {
                result.Append(text, i, text.Length - i);
                break;
            }
            result.Append(text, i, dollar - i);
            var next = text[dollar + 1];
            if (next == '$')
            {
                result.Append('$');
                i = dollar + 2;
            }
            else if (IsNameStart(next))
            {
                var end = NameEnd(text, dollar + 1);
                result.Append(lookup(text[(dollar + 1)..end]) ?? "");
                i = end;
            }
            else if (next == '{')
                i = Braced(text, dollar, lookup, result);
            else
            {
                result.Append('$');
                i = dollar + 1;
            }
        }
        return result.ToString();
    }

    // "${NAME}" or "${NAME<operator><argument>}" starting at text[dollar]; returns the index after it.
    private static int Braced(string text, int dollar, Func<string, string?> lookup, StringBuilder result)
    {
        var nameStart = dollar + 2;
        var nameEnd = nameStart < text.Length && IsNameStart(text[nameStart]) ? NameEnd(text, nameStart) : nameStart;
        if (nameEnd == nameStart) throw Malformed(text);
        var name = text[nameStart..nameEnd];
        if (nameEnd < text.Length && text[nameEnd] == '}')
        {
            result.Append(lookup(name) ?? "");
            return nameEnd + 1;
        }
        var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, nameEnd, o, 0, o.Length) == 0) ?? throw Malformed(text);
        var close = ClosingBrace(text, dollar, nameEnd);
        if (close < 0) throw Malformed(text);
        // The argument is interpolated whether it is used or not, as docker compose 2.26 does: a
        // malformed or required reference in it fails even when the variable is set.
        var argument = Apply(text[(nameEnd + op.Length)..close], lookup);
        var value = lookup(name);
        result.Append(op switch
        {
            ":-" => value is { Length: > 0 } ? value : argument,
            "-" => value ?? argument,
            ":+" => value is { Length: > 0 } ? argument : "",
            "+" => value is not null ? argument : "",
            ":?" => value is { Length: > 0 } ? value : throw Required(name, argument),
            _ => value ?? throw Required(name, argument),
        });
        return close + 1;
    }

    // The brace that closes the reference: the one that balances every '{' after the '$' (so
    // defaults nest), else, as compose's pattern reads it, the last '}' on the line.
    private static int ClosingBrace(string text, int dollar, int from)
    {
        var lineEnd = text.IndexOf('\n', from);
        if (lineEnd < 0) lineEnd = text.Length;
        var last = text.LastIndexOf('}', lineEnd - 1, lineEnd - from);
        if (last < 0) return -1;
        var open = 0;
        for (var i = dollar + 1; i <= last; i++)
        {
            if (text[i] == '{') open++;
            else if (text[i] == '}' && --open == 0) return i;
        }
        return last;
    }

    private static bool IsNameStart(char c) => c is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static int NameEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && (IsNameStart(text[end]) || char.IsAsciiDigit(text[end]))) end++;
        return end;
    }

    private static ComposeInterpolationException Required(string name, string message) =>
        new(name, message.Length > 0
            ? $"required variable {name} is missing a value: {message}"
            : $"required variable {name} is missing a value");

    private static ComposeInterpolationException Malformed(string text) =>
        new(null, $"invalid interpolation format in \"{text}\": a literal $ is written $$");
}

/// <summary>
/// A value compose cannot interpolate: a required variable without a value (Variable names it, the
/// message is compose's own), or a malformed ${...} (Variable is null).
/// </summary>
public sealed class ComposeInterpolationException(string? variable, string message) : Exception(message)
{
    public string? Variable { get; } = variable;
}
