using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

using StackTests.Harness.Clients;

namespace StackTests.Harness.Dashboards;

/// <summary>A dashboard panel's PromQL, ready to send to Prometheus directly.</summary>
public sealed record PrometheusPanelQuery(string Dashboard, string Panel, string RefId, string Expr)
{
    /// <summary>Where the query stands: dashboard / "panel" [refId].</summary>
    public string Where => $"{Dashboard} / \"{Panel}\" [{RefId}]";

    public override string ToString() => $"{Where}: {Expr}";
}

/// <summary>
/// The Prometheus targets of a dashboard, with what Grafana would substitute before Prometheus sees
/// them: the dashboard's variables, and the built-ins its Prometheus backend replaces
/// (BackendVariables.Prometheus), with the values of pkg/promlib/models/query.go for a 15-minute
/// range, a 15 s interval and the stack's 15 s scrape interval.
/// </summary>
public static class PrometheusPanelQueries
{
    public static readonly TimeSpan Range = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(15);

    /// <param name="datasources">The provisioned datasources, to tell a target's datasource type.</param>
    public static IReadOnlyList<PrometheusPanelQuery> FromFile(string dashboardJsonPath, IReadOnlyList<GrafanaDatasource> datasources) =>
        From(Dashboard.Parse(dashboardJsonPath, File.ReadAllText(dashboardJsonPath)), datasources);

    public static IReadOnlyList<PrometheusPanelQuery> From(Dashboard dashboard, IReadOnlyList<GrafanaDatasource> datasources) =>
        dashboard.Panels.SelectMany(panel => panel.Targets
                .Where(t => !t.Hide && ResolvedDatasource.ForTarget(panel, t, dashboard, datasources)?.Type == "prometheus")
                .Select(t => (panel, t, expr: t.Json.String("expr") ?? "")))
            .Where(x => x.expr.Trim().Length > 0)
            .Select(x => new PrometheusPanelQuery(dashboard.Title ?? "", x.panel.Title, x.t.RefId, dashboard.Interpolate(x.expr, BuiltInValue)))
            .ToList();

    /// <summary>
    /// The value Grafana's Prometheus backend gives a built-in: $__rate_interval is
    /// max($__interval + scrape interval, 4 x scrape interval); null for what that backend leaves alone.
    /// </summary>
    public static string? BuiltInValue(string name)
    {
        var rateInterval = Interval + ScrapeInterval > 4 * ScrapeInterval ? Interval + ScrapeInterval : 4 * ScrapeInterval;
        return !BackendVariables.Prometheus.Contains(name) ? null : name switch
        {
            "__interval" => Duration(Interval),
            "__interval_ms" => ((long)Interval.TotalMilliseconds).ToString(),
            "__rate_interval" => Duration(rateInterval),
            "__rate_interval_ms" => ((long)rateInterval.TotalMilliseconds).ToString(),
            "__range" => Duration(Range),
            "__range_s" => ((long)Math.Round(Range.TotalSeconds)).ToString(),
            "__range_ms" => ((long)Range.TotalMilliseconds).ToString(),
            _ => null,
        };
    }

    /// <summary>A duration as Grafana formats one (grafana-plugin-sdk-go gtime.FormatInterval): its largest whole unit.</summary>
    private static string Duration(TimeSpan span) =>
        span >= TimeSpan.FromDays(365) ? $"{(long)(span.TotalDays / 365)}y"
        : span >= TimeSpan.FromDays(1) ? $"{(long)span.TotalDays}d"
        : span >= TimeSpan.FromHours(1) ? $"{(long)span.TotalHours}h"
        : span >= TimeSpan.FromMinutes(1) ? $"{(long)span.TotalMinutes}m"
        : span >= TimeSpan.FromSeconds(1) ? $"{(long)span.TotalSeconds}s"
        : $"{Math.Max(1, (long)span.TotalMilliseconds)}ms";

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
}
