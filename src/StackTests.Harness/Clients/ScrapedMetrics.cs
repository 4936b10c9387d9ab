using System.Globalization;

namespace StackTests.Harness.Clients;

/// <summary>
/// A service's own metrics as Prometheus scrapes them (one job of prometheus.yml), read with instant
/// queries instead of from the service's /metrics page. No query carries a fallback: a metric with
/// no series of the job reads as null, never as 0, because a renamed metric or a mislabelled job
/// looks exactly like that. A counter the service has not incremented yet may legitimately have no
/// series (Alloy's loki_write_dropped_entries_total, a labelled counter created at its first drop);
/// the caller decides, and says, what absence means.
/// </summary>
public sealed class ScrapedMetrics(PrometheusClient prometheus, string job)
{
    public string Job { get; } = job;

    public PrometheusClient Prometheus { get; } = prometheus;

    /// <summary>The sum of a metric's series of the job; an empty result when there is none.</summary>
    public static string SumQuery(string metric, string job) => $"sum({metric}{{job=\"{Escape(job)}\"}})";

    /// <summary>When Prometheus last scraped the job (the timestamp of its newest up sample), in seconds.</summary>
    public static string LastScrapeQuery(string job) => $"max(timestamp(up{{job=\"{Escape(job)}\"}}))";

    /// <summary>The sum of the metric's series of the job; null when the job has no series of it.</summary>
    public async Task<double?> SumAsync(string metric, CancellationToken cancellationToken = default) =>
        (await Prometheus.QueryAsync(SumQuery(metric, Job), cancellationToken: cancellationToken)) is [var sample] ? sample.Value : null;

    /// <summary>When Prometheus last scraped the job; null when it has no target of that job.</summary>
    public async Task<DateTimeOffset?> LastScrapeAsync(CancellationToken cancellationToken = default) =>
        (await Prometheus.QueryAsync(LastScrapeQuery(Job), cancellationToken: cancellationToken)) is [var sample]
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(sample.Value * 1000))
            : null;

    /// <summary>
    /// Waits until Prometheus has scraped the job after <paramref name="since"/>, so that what is read
    /// next is no older than that moment (a scrape interval at most).
    /// </summary>
    public Task WaitForScrapeAfterAsync(DateTimeOffset since, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        Eventually.UntilAsync(
            $"Prometheus to scrape job {Job} after {since.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}",
            $"GET {Prometheus.BaseUrl}api/v1/query?query={LastScrapeQuery(Job)}",
            LastScrapeAsync,
            last => last > since,
            new EventuallyOptions(timeout, TimeSpan.FromSeconds(1)),
            describe: last => last is { } at ? $"last scrape at {at.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)}" : $"no target of job {Job}",
            cancellationToken: cancellationToken);

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
