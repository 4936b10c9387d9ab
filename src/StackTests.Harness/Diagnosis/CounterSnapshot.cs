using Flurl.Http;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Diagnosis;

/// <summary>
/// Where a component serves metrics: a named port of compose.yaml's x-stacktests and a path; Key
/// names the page in a snapshot (the service, unless a service serves two pages).
/// </summary>
public sealed record CounterSource(string Service, string Port, string Path = "metrics", string? Name = null)
{
    public string Key => Name ?? Service;
}

/// <summary>One component's /metrics page at one moment, or why it could not be read.</summary>
public sealed record PageReading(CounterSource Source, MetricsPage? Page, string? Unreadable);

/// <summary>
/// The /metrics pages of the components of a pipeline, read at one moment. Read directly from each
/// component (not from Prometheus), so a diagnosis waits for no scrape and still works where
/// Prometheus is the component that failed. Every read is bounded; an unreachable component is a
/// reading of its own ("did not answer"), which is often the diagnosis.
/// </summary>
public sealed class CounterSnapshot(IReadOnlyDictionary<string, PageReading> readings, DateTimeOffset at)
{
    private static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(5);

    public DateTimeOffset At { get; } = at;

    public IReadOnlyDictionary<string, PageReading> Readings { get; } = readings;

    /// <summary>The page (by its key: the service's name), or null when it was not read (not in the stack, or no answer).</summary>
    public MetricsPage? Page(string key) => Readings.GetValueOrDefault(key)?.Page;

    /// <summary>Why the page could not be read; null when it was.</summary>
    public string? Unreadable(string key) =>
        Readings.TryGetValue(key, out var reading) ? reading.Unreadable : $"{key} was not read";

    /// <summary>A snapshot from pages already at hand (recorded metric text in tests).</summary>
    public static CounterSnapshot Of(params (string Key, string? Text)[] pages) =>
        new(pages.ToDictionary(p => p.Key, p => new PageReading(new CounterSource(p.Key, "http"),
            p.Text is null ? null : MetricsPage.Parse(p.Text), p.Text is null ? "did not answer" : null)), DateTimeOffset.UtcNow);

    public static async Task<CounterSnapshot> ReadAsync(IStackAccess stack, IEnumerable<CounterSource> sources, CancellationToken cancellationToken = default)
    {
        var reads = sources.Select(async source => (source.Key, Reading: await ReadOneAsync(stack, source, cancellationToken)));
        var readings = await Task.WhenAll(reads);
        return new CounterSnapshot(readings.ToDictionary(r => r.Key, r => r.Reading), DateTimeOffset.UtcNow);
    }

    private static async Task<PageReading> ReadOneAsync(IStackAccess stack, CounterSource source, CancellationToken cancellationToken)
    {
        if (!stack.IsAvailable(source.Service))
            return new PageReading(source, null, $"not in this {stack.Provider} stack ({stack.Unavailable(source.Service) ?? "not available"})");
        Uri url;
        try
        {
            url = new Uri(stack.Endpoint(source.Service, source.Port), source.Path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return new PageReading(source, null, $"no {source.Port} port to read its metrics from: {e.Message}");
        }
        try
        {
            var request = new FlurlRequest(url).WithTimeout(ReadBound);
            var text = await ApiCall.GetStringAsync(source.Service, request, cancellationToken);
            return new PageReading(source, MetricsPage.Parse(text), null);
        }
        catch (ApiException e)
        {
            return new PageReading(source, null, $"GET {url} failed: {e.Message}");
        }
    }
}
