using System.Globalization;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Diagnosis;

/// <summary>
/// How Prometheus scrapes one job of prometheus.yml: its targets' health and last error
/// (/api/v1/targets) and how many samples the last scrape took (scrape_samples_scraped).
/// </summary>
public sealed record ScrapeOfJob(string Job, IReadOnlyList<ScrapeTarget> Targets, double? SamplesScraped, string? Error = null)
{
    public static async Task<ScrapeOfJob> ReadAsync(PrometheusClient prometheus, string job, CancellationToken cancellationToken)
    {
        try
        {
            var targets = (await prometheus.TargetsAsync(cancellationToken)).Where(t => t.Job == job).ToList();
            var samples = await prometheus.QueryAsync($"sum(scrape_samples_scraped{{job=\"{job}\"}})", cancellationToken);
            return new ScrapeOfJob(job, targets, samples is [var s] ? s.Value : null);
        }
        catch (Exception e) when (e is ApiException or OperationCanceledException)
        {
            return new ScrapeOfJob(job, [], null, e.Message);
        }
    }

    /// <summary>One sentence: "Prometheus scrapes job X: target up, 42 samples in its last scrape".</summary>
    public override string ToString()
    {
        if (Error is not null) return $"Prometheus could not be asked how it scrapes job {Job}: {Error}";
        if (Targets.Count == 0) return $"Prometheus has no active target of job {Job} (prometheus.yml has no such job, or it is not loaded)";
        var targets = string.Join(", ", Targets.Select(t => $"{t.ScrapeUrl} {t.Health}{(t.LastError.Length > 0 ? $" ({t.LastError})" : "")}"));
        var samples = SamplesScraped is { } n ? $", {n.ToString(CultureInfo.InvariantCulture)} samples in its last scrape (scrape_samples_scraped)" : "";
        return $"Prometheus scrapes job {Job}: {targets}{samples}";
    }

    public bool AllUp => Error is null && Targets.Count > 0 && Targets.All(t => t.IsUp);
}
