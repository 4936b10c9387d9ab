using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Models.Queries;

/// <summary>
/// Grafana's template variables in a query: <c>$var</c>, <c>[[var]]</c>, <c>[[var:format]]</c>,
/// <c>${var}</c>, <c>${var.field}</c>, <c>${var:format}</c> (the forms of Grafana's variableRegex,
/// public/app/features/variables/utils.ts), found once and replaced by whatever a caller needs:
/// the values Grafana would put there (<see cref="Replace"/>), or, to parse a query,
/// values of the right shape (<see cref="Apply"/>).
/// </summary>
public static partial class TemplateSubstitution
{
    public const string RateInterval = "123456789ms";
    public const string OtherInterval = "987654321ms";

    private static readonly HashSet<string> NumericBuiltIns =
        ["__interval_ms", "__range_ms", "__range_s", "__from", "__to", "__org", "__user.id", "__rate_interval_ms"];

    private static readonly HashSet<string> DurationBuiltIns = ["__interval", "__range", "__auto", "__auto_interval"];

    [GeneratedRegex(@"\$(?<name>\w+)|\[\[(?<name>\w+?)(?::(?<format>\w+))?\]\]|\$\{(?<name>\w+)(?:\.(?<field>[^:^}]+))?(?::(?<format>[^}]+))?\}")]
    private static partial Regex Variable();

    /// <summary>Every variable the query uses, in order.</summary>
    public static IReadOnlyList<VariableUse> Uses(string query) =>
        Variable().Matches(query).Select(match => new VariableUse(
            match.Groups["name"].Value,
            match.Groups["field"].Success ? match.Groups["field"].Value : null,
            match.Groups["format"].Success ? match.Groups["format"].Value : null,
            match.Index, match.Length,
            InsideString(query, match.Index),
            InRange(query[..match.Index].TrimEnd()))).ToList();

    /// <summary>The query with each variable replaced by <paramref name="value"/>'s answer (null: left as it is), mapping positions back to the original.</summary>
    public static SubstitutedQuery Replace(string query, Func<VariableUse, string?> value)
    {
        var result = new StringBuilder();
        var shifts = new List<(int NewStart, int OriginalStart)>();
        var replaced = new List<VariableUse>();
        var position = 0;
        foreach (var use in Uses(query))
        {
            if (value(use) is not { } text) continue;
            result.Append(query, position, use.Index - position);
            shifts.Add((result.Length, use.Index));
            result.Append(text);
            position = use.Index + use.Length;
            shifts.Add((result.Length, position));
            replaced.Add(use);
        }
        result.Append(query, position, query.Length - position);
        return new SubstitutedQuery(query, result.ToString(), shifts) { Variables = replaced };
    }

    /// <summary>
    /// The query made parseable, like grafana/dashboard-linter: variables inside quoted strings and
    /// comments stay as they are (any text is valid there), a variable in a range or after
    /// <c>offset</c> becomes a duration, a numeric built-in a number, a dashboard variable whose value
    /// <paramref name="valueOf"/> knows that value, anything else an identifier.
    /// <c>$__rate_interval</c> becomes <see cref="RateInterval"/>, a duration no one writes by hand,
    /// so the rate-interval rule can tell it apart.
    /// </summary>
    public static SubstitutedQuery Apply(string query, IReadOnlySet<string>? durationVariables = null, Func<string, string?>? valueOf = null) =>
        Replace(query, use => use switch
        {
            { InsideString: true } => null,
            { Name: "__rate_interval" } => RateInterval,
            { InRange: true } => OtherInterval,
            _ when NumericBuiltIns.Contains(use.FullName) => "1",
            // A dashboard variable with a known value gets it, as Grafana sends it (custom -1 in vector($x)).
            _ when !use.Name.StartsWith("__", StringComparison.Ordinal) && use.Field is null && valueOf?.Invoke(use.Name) is { } value => value,
            _ when DurationBuiltIns.Contains(use.Name) || use.Name.StartsWith("__auto_interval", StringComparison.Ordinal)
                || durationVariables?.Contains(use.Name) == true => OtherInterval,
            _ => "var_" + use.FullName.Replace('.', '_'),
        });

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

/// <summary>
/// One use of a template variable: its name (without <c>$</c>, brackets, field or format), where it
/// stands in the query, and whether it is inside a quoted string or comment, or where a duration goes.
/// </summary>
public sealed record VariableUse(string Name, string? Field, string? Format, int Index, int Length, bool InsideString, bool InRange)
{
    /// <summary>The name with its field path: <c>__user.id</c>.</summary>
    public string FullName => Field is null ? Name : $"{Name}.{Field}";
}

/// <summary>A query after template substitution, able to map a position back to the original text.</summary>
public sealed record SubstitutedQuery(string Original, string Text, IReadOnlyList<(int NewStart, int OriginalStart)> Shifts)
{
    /// <summary>The variables that were replaced.</summary>
    public IReadOnlyList<VariableUse> Variables { get; init; } = [];

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
