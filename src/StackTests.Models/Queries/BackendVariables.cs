namespace StackTests.Models.Queries;

/// <summary>
/// Grafana's built-in variables that a datasource's backend replaces itself, from the query's interval
/// and time range, before the query reaches the database. Each backend knows its own set.
/// </summary>
public static class BackendVariables
{
    /// <summary>Grafana's Prometheus backend (pkg/promlib/models/query.go), in the $name and ${name} forms.</summary>
    public static readonly IReadOnlySet<string> Prometheus = new HashSet<string>
        { "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__rate_interval", "__rate_interval_ms" };

    /// <summary>
    /// Grafana's Loki backend (pkg/tsdb/loki): $__interval, $__interval_ms, $__range, $__range_s,
    /// $__range_ms and $__auto; not $__rate_interval (grafana/grafana#31593: Loki gets it verbatim
    /// and answers a parse error).
    /// </summary>
    public static readonly IReadOnlySet<string> Loki = new HashSet<string>
        { "__interval", "__interval_ms", "__range", "__range_s", "__range_ms", "__auto" };

    /// <summary>Built-ins of the Prometheus backend that the Loki backend leaves in a LogQL query.</summary>
    public static IEnumerable<string> PrometheusOnly => Prometheus.Except(Loki);
}
