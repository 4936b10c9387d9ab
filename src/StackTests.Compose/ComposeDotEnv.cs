using System.Text;
using System.Text.RegularExpressions;
using StackTests.Settings;

namespace StackTests.Compose;

/// <summary>
/// The ".env" file of a compose project (the folder of the compose file), read as docker compose
/// reads it (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file):
/// KEY=VALUE or KEY: VALUE lines, an optional "export " prefix, '#' comment lines, and an inline
/// comment after whitespace in an unquoted value. 'Single quotes' are literal; "double quotes" take
/// escapes (\n, \t, \", \\, \$ ...) and may span lines. Unquoted and double-quoted values are
/// interpolated, from the environment first, then from the lines above. A bare KEY takes the
/// environment's value. The environment wins over the file when compose.yaml is interpolated.
/// </summary>
public static partial class ComposeDotEnv
{
    /// <summary>
    /// The variables compose interpolates a compose file with: the environment's (this process's
    /// unless given), else the .env file beside the compose file when there is one.
    /// </summary>
    /// <exception cref="ComposeFormatException">the .env file cannot be read, names its line</exception>
    public static Func<string, string?> Variables(string composePath, Func<string, string?>? environment = null)
    {
        environment ??= SuiteSettings.Current.Variable;
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(composePath))!, ".env");
        if (!File.Exists(path)) return environment;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ComposeFormatException(path, 0, $"cannot read: {e.Message}"); }
        var file = Parse(path, text, environment);
        return name => environment(name) ?? file.GetValueOrDefault(name);
    }

    /// <summary>The file's variables; path is for messages.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string path, string text, Func<string, string?> environment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Lookup(string name) => environment(name) ?? values.GetValueOrDefault(name);
        text = text.Replace("\r\n", "\n");
        var position = 0;
        while (position < text.Length)
        {
            var line = 1 + text.AsSpan(0, position).Count('\n');
            var lineEnd = text.IndexOf('\n', position) is var end and >= 0 ? end : text.Length;
            var content = text[position..lineEnd];
            var indent = content.Length - content.TrimStart(' ', '\t').Length;
            if (content.Trim().Length == 0 || content[indent] == '#') { position = lineEnd + 1; continue; }
            var entry = Entry().Match(content, indent);
            if (!entry.Success)
                throw new ComposeFormatException(path, line, $"expected KEY=VALUE, a comment or a blank line, not '{content.Trim()}'");
            var key = entry.Groups["key"].Value;
            if (!entry.Groups["separator"].Success)
            {
                if (environment(key) is { } inherited) values[key] = inherited;
                position = lineEnd + 1;
                continue;
            }
            try { (values[key], position) = Value(text, position + entry.Index + entry.Length, Lookup); }
            catch (ComposeInterpolationException e) { throw new ComposeFormatException(path, line, e.Message); }
            catch (FormatException e) { throw new ComposeFormatException(path, line, $"{key}: {e.Message}"); }
        }
        return values;
    }

    // From the start of a value to the start of the next line: the value and that position.
    private static (string Value, int Next) Value(string text, int start, Func<string, string?> lookup)
    {
        int NextLine(int from) => text.IndexOf('\n', from) is var end and >= 0 ? end + 1 : text.Length;
        if (start < text.Length && text[start] == '\'')
        {
            var close = text.IndexOf('\'', start + 1);
            if (close < 0) throw new FormatException("the single quote is never closed");
            return (text[(start + 1)..close], NextLine(close));
        }
        if (start < text.Length && text[start] == '"')
        {
            var value = new StringBuilder();
            for (var i = start + 1; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '"') return (ComposeInterpolation.Apply(value.ToString(), lookup), NextLine(i));
                if (c != '\\' || i + 1 >= text.Length) { value.Append(c); continue; }
                var escaped = text[++i];
                value.Append(escaped switch
                {
                    'n' => "\n", 't' => "\t", 'r' => "\r", 'a' => "\a", 'b' => "\b", 'f' => "\f", 'v' => "\v",
                    '"' => "\"", '\\' => "\\",
                    '$' => "$$", // a literal $, kept from interpolation
                    _ => $"\\{escaped}",
                });
            }
            throw new FormatException("the double quote is never closed");
        }
        var lineEnd = text.IndexOf('\n', start) is var end and >= 0 ? end : text.Length;
        var raw = text[start..lineEnd];
        var comment = InlineComment().Match(raw);
        if (comment.Success) raw = raw[..comment.Index];
        return (ComposeInterpolation.Apply(raw.TrimEnd(' ', '\t'), lookup), NextLine(start));
    }

    // [export ]KEY, then '=' or ':' up to the value, or nothing more (a bare key).
    [GeneratedRegex(@"\G(?:export[ \t]+)?(?<key>[A-Za-z_][A-Za-z0-9_.\-]*)[ \t]*(?:(?<separator>[=:])[ \t]*|(?:\#.*)?$)")]
    private static partial Regex Entry();

    [GeneratedRegex(@"[ \t]#")]
    private static partial Regex InlineComment();
}
