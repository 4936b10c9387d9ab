using System.Text.RegularExpressions;

namespace StackTests.Harness.Dashboards;

/// <summary>
/// What Grafana's Tempo datasource makes of a TraceQL target's text, by the tests its frontend applies
/// before sending it (public/app/plugins/datasource/tempo/datasource.ts, isTraceIdQuery and
/// isTraceQlMetricsQuery): hex digits only (or nothing) is a trace id, a pipeline stage calling a
/// metrics function is a metrics query, anything else a search. Grafana decides by these patterns,
/// not by the grammar, so this does too: a query the grammar would read otherwise goes where Grafana sends it.
/// </summary>
public static partial class TraceQlKind
{
    public const string TraceId = "trace id", Metrics = "metrics", Search = "search";

    [GeneratedRegex("^[0-9A-Fa-f]*$")]
    private static partial Regex HexOnly();

    [GeneratedRegex(@"\|\s*(rate|count_over_time|avg_over_time|max_over_time|min_over_time|sum_over_time|quantile_over_time|histogram_over_time|compare)\s*\(")]
    private static partial Regex MetricsFunction();

    public static string Of(string traceql)
    {
        var query = traceql.Trim();
        return HexOnly().IsMatch(query) ? TraceId : MetricsFunction().IsMatch(query) ? Metrics : Search;
    }
}
