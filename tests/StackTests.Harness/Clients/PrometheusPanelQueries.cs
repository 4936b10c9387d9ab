using System.Text.RegularExpressions;

namespace StackTests.Harness.Clients;

/// <summary>A dashboard panel's PromQL, ready to send to Prometheus directly.</summary>
public sealed record PrometheusPanelQuery(string Dashboard, string Panel, string RefId, string Expr)
{
    public override string ToString() => $"{Dashboard} / \"{Panel}\" [{RefId}]: {Expr}";
}

/// <summary>
/// The Prometheus targets of a dashboard, with what Grafana would substitute before Prometheus sees
/// them: the dashboard's variables, and the built-in $__rate_interval, $__interval and $__range
/// (Grafana pkg/promlib/models/query.go: $__rate_interval is max($__interval + scrape interval,
/// 4 x scrape interval), 1m for the stack's 15s scrape interval).
/// </summary>
public static partial class PrometheusPanelQueries
{
    private static readonly (string Name, string Value)[] BuiltIns =
    [
        ("__rate_interval_ms", "60000"), ("__rate_interval", "1m"), ("__interval_ms", "15000"), ("__interval", "15s"),
        ("__range_ms", "900000"), ("__range_s", "900"), ("__range", "15m"),
    ];

    public static IReadOnlyList<PrometheusPanelQuery> FromFile(string dashboardJsonPath) =>
        From(GrafanaDashboard.Parse(File.ReadAllText(dashboardJsonPath)));

    public static IReadOnlyList<PrometheusPanelQuery> From(GrafanaDashboard dashboard) =>
        dashboard.Panels.SelectMany(panel => panel.Targets
                .Where(t => !t.Hide && IsPrometheus(t.Datasource ?? panel.Datasource))
                .Select(t => (panel, t, expr: t.Json["expr"]?.GetValue<string>() ?? "")))
            .Where(x => x.expr.Trim().Length > 0)
            .Select(x => new PrometheusPanelQuery(dashboard.Title, x.panel.Title, x.t.RefId,
                SubstituteBuiltIns(DashboardPanelQueries.Substitute(x.expr, dashboard.Variables))))
            .ToList();

    public static string SubstituteBuiltIns(string expr)
    {
        foreach (var (name, value) in BuiltIns)
            expr = expr.Replace("${" + name + "}", value).Replace("$" + name, value);
        return expr;
    }

    /// <summary>
    /// The metric names a PromQL expression reads: identifiers outside label matchers, ranges,
    /// grouping clauses and strings that are not functions, keywords or numbers.
    /// </summary>
    public static IReadOnlyList<string> MetricNames(string expr)
    {
        var text = StringLiteral().Replace(expr, " ");
        text = Braces().Replace(text, " ");
        text = Brackets().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(m => !Keywords.Contains(m.Value) && !IsFunctionCall(text, m))
            .Select(m => m.Value).Distinct().ToList();
    }

    private static bool IsFunctionCall(string text, Match m)
    {
        var after = m.Index + m.Length;
        while (after < text.Length && char.IsWhiteSpace(text[after])) after++;
        return after < text.Length && text[after] == '(';
    }

    private static bool IsPrometheus(DatasourceRef? datasource) =>
        datasource is null || datasource.Type == "prometheus" || datasource.Uid == "prometheus";

    private static readonly HashSet<string> Keywords =
        ["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan", "Inf", "NaN"];

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
