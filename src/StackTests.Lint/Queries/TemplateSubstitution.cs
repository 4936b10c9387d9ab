using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Lint.Queries;

/// <summary>
/// Replaces Grafana template variables in a query with values of the right shape, so the
/// query can be parsed: <c>$var</c>, <c>${var}</c>, <c>${var:format}</c>, <c>[[var]]</c>.
/// Like grafana/dashboard-linter, variables inside quoted strings stay as they are (any text
/// is valid there), a variable in a range or after <c>offset</c> becomes a duration, a
/// numeric built-in becomes a number, anything else becomes an identifier.
/// <c>$__rate_interval</c> becomes <see cref="RateInterval"/>, a duration no one writes by
/// hand, so the rate-interval rule can tell it apart.
/// </summary>
public static partial class TemplateSubstitution
{
    public const string RateInterval = "123456789ms";
    public const string OtherInterval = "987654321ms";

    private static readonly HashSet<string> NumericBuiltIns =
        ["__interval_ms", "__range_ms", "__range_s", "__from", "__to", "__org", "__user.id"];

    private static readonly HashSet<string> DurationBuiltIns =
        ["__interval", "__range", "__auto", "__auto_interval", "__rate_interval_ms"];

    [GeneratedRegex(@"\$\{(?<name>[\w.]+)(?::[^}]*)?\}|\[\[(?<name>[\w.]+)(?::[^\]]*)?\]\]|\$(?<name>[\w.]*\w)")]
    private static partial Regex Variable();

    /// <summary>The query with variables replaced, and a map from positions in it back to the original.</summary>
    public static SubstitutedQuery Apply(string query, IReadOnlySet<string>? durationVariables = null)
    {
        var result = new StringBuilder();
        var shifts = new List<(int NewStart, int OriginalStart)>();
        var variables = new List<TemplateVariable>();
        var position = 0;
        foreach (Match match in Variable().Matches(query))
        {
            if (match.Index < position || InsideString(query, match.Index)) continue;
            var name = match.Groups["name"].Value;
            result.Append(query, position, match.Index - position);
            var before = result.ToString().TrimEnd();
            var value = name switch
            {
                "__rate_interval" => RateInterval,
                _ when InRange(before) => OtherInterval,
                _ when NumericBuiltIns.Contains(name) => "1",
                _ when DurationBuiltIns.Contains(name) || name.StartsWith("__auto_interval", StringComparison.Ordinal)
                    || durationVariables?.Contains(name) == true => OtherInterval,
                _ => "var_" + name.Replace('.', '_'),
            };
            variables.Add(new TemplateVariable(name, match.Index));
            shifts.Add((result.Length, match.Index));
            result.Append(value);
            position = match.Index + match.Length;
            shifts.Add((result.Length, position));
        }
        result.Append(query, position, query.Length - position);
        return new SubstitutedQuery(query, result.ToString(), shifts) { Variables = variables };
    }

    /// <summary>Inside a range <c>[...]</c> or after <c>offset</c>: only a duration fits.</summary>
    private static bool InRange(string before)
    {
        if (before.EndsWith('[')) return true;
        if (before.EndsWith(':') && before.LastIndexOf('[') > before.LastIndexOf(']')) return true;
        return before.EndsWith("offset", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether the position lies inside a "..." , '...' or `...` string or a # comment of the query.</summary>
    private static bool InsideString(string query, int index)
    {
        char? quote = null;
        for (var i = 0; i < index; i++)
        {
            var c = query[i];
            if (quote is null)
            {
                if (c is '"' or '\'' or '`') quote = c;
                else if (c == '#')
                {
                    var end = query.IndexOf('\n', i);
                    if (end < 0 || end >= index) return true;
                    i = end;
                }
            }
            else if (c == '\\' && quote != '`') i++;
            else if (c == quote) quote = null;
        }
        return quote is not null;
    }
}

/// <summary>A template variable of a query, by name (without <c>$</c>, braces or format), at its offset in the original.</summary>
public sealed record TemplateVariable(string Name, int OriginalOffset);

/// <summary>A query after template substitution, able to map a position back to the original text.</summary>
public sealed record SubstitutedQuery(string Original, string Text, IReadOnlyList<(int NewStart, int OriginalStart)> Shifts)
{
    /// <summary>The variables that were replaced (those inside strings and comments stay and are not listed).</summary>
    public IReadOnlyList<TemplateVariable> Variables { get; init; } = [];

    public int OriginalOffset(int offset)
    {
        var (newStart, originalStart) = (0, 0);
        foreach (var shift in Shifts)
        {
            if (shift.NewStart > offset) break;
            (newStart, originalStart) = shift;
        }
        return Math.Min(originalStart + (offset - newStart), Original.Length);
    }
}
