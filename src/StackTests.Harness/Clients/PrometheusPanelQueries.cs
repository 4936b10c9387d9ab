using StackTests.Lint.Queries;

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
public static class PrometheusPanelQueries
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
    /// The metric names each PromQL expression reads, from the PromQL grammar of tools/grammars (the
    /// one the config tier parses dashboards with): the names of its selectors, Grafana's built-ins
    /// replaced first. One node process for the whole list.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> MetricNames(IReadOnlyList<string> exprs, QueryGrammar grammar)
    {
        var results = grammar.Parse(exprs.Select(e => (QueryLanguage.PromQL, TemplateSubstitution.Apply(e).Text)).ToList());
        return exprs.Zip(results, (expr, result) => result.Ok
                ? result.Metrics
                : throw new InvalidOperationException($"the dashboard query '{expr}' does not parse as PromQL ({result.Message}); ./run-tests.sh lint shows where"))
            .ToList();
    }

    private static bool IsPrometheus(DatasourceRef? datasource) =>
        datasource is null || datasource.Type == "prometheus" || datasource.Uid == "prometheus";
}
