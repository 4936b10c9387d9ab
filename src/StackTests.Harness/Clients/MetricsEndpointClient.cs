using Flurl.Http;

namespace StackTests.Harness.Clients;

/// <summary>
/// Reads any Prometheus-style /metrics page (exporters, Alloy, the Collector's :8888, Loki, Tempo)
/// and parses it with <see cref="MetricsText"/>.
/// </summary>
public sealed class MetricsEndpointClient(Uri metricsUrl, string component = "metrics endpoint", TimeSpan? timeout = null)
{
    // Ask for the text format: some servers would otherwise negotiate protobuf or OpenMetrics.
    private const string TextFormat = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

    public Uri MetricsUrl { get; } = metricsUrl;

    public async Task<MetricSet> ScrapeAsync(CancellationToken cancellationToken = default)
    {
        var request = new FlurlRequest(MetricsUrl).WithTimeout(timeout ?? TimeSpan.FromSeconds(10)).WithHeader("Accept", TextFormat);
        return MetricsText.Parse(await ApiCall.GetStringAsync(component, request, cancellationToken));
    }

    /// <summary>The sum of the matching samples, scraped now.</summary>
    public async Task<double> SumAsync(string sampleName, IReadOnlyList<LabelMatcher> matchers, CancellationToken cancellationToken = default) =>
        (await ScrapeAsync(cancellationToken)).Sum(sampleName, [.. matchers]);
}
