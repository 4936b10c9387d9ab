using System.Globalization;
using System.Text.Json;
using Flurl.Http;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
/// the only place that knows its paths and response shapes.
/// </summary>
public sealed class PrometheusClient(Uri baseUrl, TimeSpan? timeout = null)
{
    private readonly FlurlClient _http = new FlurlClient(baseUrl.ToString()).WithTimeout(timeout ?? TimeSpan.FromSeconds(10));

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>GET /api/v1/query: an instant query; vector results with their labels and values.</summary>
    public async Task<IReadOnlyList<Sample>> QueryAsync(string promql, CancellationToken cancellationToken = default)
    {
        var body = await _http.Request("api", "v1", "query").SetQueryParam("query", promql)
            .GetStringAsync(cancellationToken: cancellationToken);
        return ParseQueryResponse(body);
    }

    /// <summary>GET /api/v1/targets?state=active: every active scrape target.</summary>
    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken cancellationToken = default)
    {
        var body = await _http.Request("api", "v1", "targets").SetQueryParam("state", "active")
            .GetStringAsync(cancellationToken: cancellationToken);
        return ParseTargetsResponse(body);
    }

    public static IReadOnlyList<Sample> ParseQueryResponse(string json)
    {
        var data = Data(json);
        var resultType = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        return resultType switch
        {
            "vector" => result.EnumerateArray().Select(item => new Sample(Labels(item.GetProperty("metric")), Value(item.GetProperty("value")))).ToList(),
            "scalar" => [new Sample(new Dictionary<string, string>(), Value(result))],
            _ => throw new FormatException($"unexpected Prometheus resultType '{resultType}' for an instant query"),
        };
    }

    public static IReadOnlyList<ScrapeTarget> ParseTargetsResponse(string json) =>
        Data(json).GetProperty("activeTargets").EnumerateArray().Select(t => new ScrapeTarget(
            Labels(t.GetProperty("labels")),
            t.GetProperty("scrapeUrl").GetString() ?? "",
            t.GetProperty("health").GetString() ?? "unknown",
            t.TryGetProperty("lastError", out var error) ? error.GetString() ?? "" : "")).ToList();

    private static JsonElement Data(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var status = root.GetProperty("status").GetString();
        if (status != "success")
            throw new PrometheusApiException($"{status}: {(root.TryGetProperty("error", out var e) ? e.GetString() : json)}");
        return root.GetProperty("data");
    }

    private static Dictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    // A value is [ <unix time>, "<number as string>" ].
    private static double Value(JsonElement pair) =>
        double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One series of an instant query result.</summary>
public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        $"{{{string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>An active scrape target and its last scrape's health.</summary>
public sealed record ScrapeTarget(IReadOnlyDictionary<string, string> Labels, string ScrapeUrl, string Health, string LastError)
{
    public string Job => Labels.GetValueOrDefault("job", "");
    public string Instance => Labels.GetValueOrDefault("instance", "");
    public bool IsUp => Health == "up";
    public override string ToString() => $"{Job} {Instance} {Health}{(LastError.Length > 0 ? $" ({LastError})" : "")}";
}

/// <summary>Prometheus answered, but with an error status.</summary>
public sealed class PrometheusApiException(string message) : Exception(message);
