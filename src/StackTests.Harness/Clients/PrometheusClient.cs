using System.Globalization;
using System.Text.Json;
using Flurl.Http;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
/// the only place that knows its paths and response shapes.
/// </summary>
public sealed class PrometheusClient(Uri baseUrl, TimeSpan? timeout = null)
{
    private const string Component = "Prometheus";
    private readonly FlurlClient _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10));

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>GET /-/ready: true once Prometheus serves queries.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        ApiCall.IsReadyAsync(Component, _http.Request("-", "ready"), cancellationToken);

    /// <summary>GET /api/v1/query: an instant query (at <paramref name="time"/>, default now); vector or scalar results.</summary>
    public async Task<IReadOnlyList<Sample>> QueryAsync(string promql, DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "v1", "query").SetQueryParam("query", promql);
        if (time is { } at) request.SetQueryParam("time", UnixSeconds(at));
        return ParseQueryResponse(await GetAsync(request, cancellationToken));
    }

    /// <summary>GET /api/v1/query: an instant query at now.</summary>
    public Task<IReadOnlyList<Sample>> QueryAsync(string promql, CancellationToken cancellationToken) =>
        QueryAsync(promql, null, cancellationToken);

    /// <summary>GET /api/v1/query_range: a range query; one series per label set with its [time, value] points.</summary>
    public async Task<IReadOnlyList<RangeSeries>> QueryRangeAsync(
        string promql, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "v1", "query_range")
            .SetQueryParam("query", promql)
            .SetQueryParam("start", UnixSeconds(start))
            .SetQueryParam("end", UnixSeconds(end))
            .SetQueryParam("step", step.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        return ParseQueryRangeResponse(await GetAsync(request, cancellationToken));
    }

    /// <summary>GET /api/v1/targets?state=active: every active scrape target.</summary>
    public async Task<IReadOnlyList<ScrapeTarget>> TargetsAsync(CancellationToken cancellationToken = default) =>
        ParseTargetsResponse(await GetAsync(_http.Request("api", "v1", "targets").SetQueryParam("state", "active"), cancellationToken));

    /// <summary>GET /api/v1/rules: every alerting and recording rule with its health and state.</summary>
    public async Task<IReadOnlyList<PrometheusRule>> RulesAsync(CancellationToken cancellationToken = default) =>
        ParseRulesResponse(await GetAsync(_http.Request("api", "v1", "rules"), cancellationToken));

    /// <summary>GET /api/v1/alerts: the active (pending or firing) alerts.</summary>
    public async Task<IReadOnlyList<PrometheusAlert>> AlertsAsync(CancellationToken cancellationToken = default) =>
        ParseAlertsResponse(await GetAsync(_http.Request("api", "v1", "alerts"), cancellationToken));

    /// <summary>
    /// Whether a series of the metric exists now: an instant count over <c>{__name__="metric"}</c>, so a
    /// series that went stale (a deleted Pushgateway group, a target gone) does not count.
    /// </summary>
    public async Task<bool> HasMetricAsync(string metric, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"count({{__name__=\"{metric.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"}})", cancellationToken)).Count > 0;

    /// <summary>GET /api/v1/label/{name}/values, optionally restricted by series selectors (match[]).</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(string label, IReadOnlyList<string>? match = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "v1", "label", label, "values");
        if (match is { Count: > 0 }) request.SetQueryParam("match[]", match);
        return ParseStringListData(await GetAsync(request, cancellationToken));
    }

    /// <summary>GET /api/v1/series?match[]=...: the label sets of the matching series.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(
        IReadOnlyList<string> match, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("api", "v1", "series").SetQueryParam("match[]", match);
        if (start is { } from) request.SetQueryParam("start", UnixSeconds(from));
        if (end is { } to) request.SetQueryParam("end", UnixSeconds(to));
        return ParseSeriesResponse(await GetAsync(request, cancellationToken));
    }

    // Prometheus answers errors as 400/422/503 with {"status":"error","errorType":...,"error":...}.
    private static async Task<string> GetAsync(IFlurlRequest request, CancellationToken cancellationToken)
    {
        var answer = await ApiCall.SendAsync(Component, request, HttpMethod.Get, null, cancellationToken, 400, 422, 503);
        if (answer.Status is >= 200 and < 300) return answer.Body;
        throw new ApiException(Component, $"GET {request.Url.Path}", answer.Status,
            $"{Component} GET {request.Url.Path} answered {answer.Status}: {ErrorText(answer.Body)}");
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

    public static IReadOnlyList<RangeSeries> ParseQueryRangeResponse(string json)
    {
        var data = Data(json);
        var resultType = data.GetProperty("resultType").GetString();
        if (resultType != "matrix") throw new FormatException($"unexpected Prometheus resultType '{resultType}' for a range query");
        return data.GetProperty("result").EnumerateArray().Select(series => new RangeSeries(
            Labels(series.GetProperty("metric")),
            series.GetProperty("values").EnumerateArray().Select(Point).ToList())).ToList();
    }

    public static IReadOnlyList<ScrapeTarget> ParseTargetsResponse(string json) =>
        Data(json).GetProperty("activeTargets").EnumerateArray().Select(t => new ScrapeTarget(
            Labels(t.GetProperty("labels")),
            t.GetProperty("scrapeUrl").GetString() ?? "",
            t.GetProperty("health").GetString() ?? "unknown",
            t.TryGetProperty("lastError", out var error) ? error.GetString() ?? "" : "")).ToList();

    public static IReadOnlyList<PrometheusRule> ParseRulesResponse(string json) =>
        Data(json).GetProperty("groups").EnumerateArray().SelectMany(group => group.GetProperty("rules").EnumerateArray().Select(rule =>
            new PrometheusRule(
                group.GetProperty("name").GetString() ?? "",
                rule.GetProperty("name").GetString() ?? "",
                rule.GetProperty("type").GetString() ?? "",
                rule.GetProperty("query").GetString() ?? "",
                Text(rule, "health"),
                Text(rule, "state"),
                Text(rule, "lastError"),
                rule.TryGetProperty("labels", out var labels) ? Labels(labels) : new Dictionary<string, string>(),
                rule.TryGetProperty("alerts", out var alerts) ? alerts.EnumerateArray().Select(ParseAlert).ToList() : []))).ToList();

    public static IReadOnlyList<PrometheusAlert> ParseAlertsResponse(string json) =>
        Data(json).GetProperty("alerts").EnumerateArray().Select(ParseAlert).ToList();

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ParseSeriesResponse(string json) =>
        Data(json).EnumerateArray().Select(IReadOnlyDictionary<string, string> (series) => Labels(series)).ToList();

    public static IReadOnlyList<string> ParseStringListData(string json) =>
        Data(json).EnumerateArray().Select(v => v.GetString() ?? "").ToList();

    private static PrometheusAlert ParseAlert(JsonElement alert) => new(
        Labels(alert.GetProperty("labels")),
        alert.TryGetProperty("annotations", out var annotations) ? Labels(annotations) : new Dictionary<string, string>(),
        Text(alert, "state"),
        alert.TryGetProperty("activeAt", out var activeAt) && activeAt.ValueKind == JsonValueKind.String
            ? DateTimeOffset.Parse(activeAt.GetString()!, CultureInfo.InvariantCulture) : null,
        Text(alert, "value"));

    private static JsonElement Data(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        var status = root.GetProperty("status").GetString();
        if (status != "success")
            throw new PrometheusApiException($"{status}: {(root.TryGetProperty("error", out var e) ? e.GetString() : json)}");
        return root.GetProperty("data");
    }

    private static string ErrorText(string body)
    {
        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            return $"{Text(root, "errorType")}: {Text(root, "error")}";
        }
        catch (JsonException)
        {
            return body.Length > 300 ? body[..300] : body;
        }
    }

    private static Dictionary<string, string> Labels(JsonElement labels) =>
        labels.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");

    // A value is [ <unix time>, "<number as string>" ].
    private static double Value(JsonElement pair) =>
        double.Parse(pair[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static (DateTimeOffset Time, double Value) Point(JsonElement pair) =>
        (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000)), Value(pair));

    private static string UnixSeconds(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>One series of an instant query result.</summary>
public sealed record Sample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        $"{{{string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>One series of a range query result.</summary>
public sealed record RangeSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    public override string ToString() =>
        $"{{{string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Points.Count} points";
}

/// <summary>An active scrape target and its last scrape's health.</summary>
public sealed record ScrapeTarget(IReadOnlyDictionary<string, string> Labels, string ScrapeUrl, string Health, string LastError)
{
    public string Job => Labels.GetValueOrDefault("job", "");
    public string Instance => Labels.GetValueOrDefault("instance", "");
    public bool IsUp => Health == "up";
    public override string ToString() => $"{Job} {Instance} {Health}{(LastError.Length > 0 ? $" ({LastError})" : "")}";
}

/// <summary>A rule of /api/v1/rules. Type is "alerting" or "recording"; State (alerting only) is inactive, pending or firing.</summary>
public sealed record PrometheusRule(
    string Group, string Name, string Type, string Query, string Health, string State, string LastError,
    IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusAlert> Alerts)
{
    public override string ToString() => $"{Group}/{Name} ({Type}) health={Health}{(State.Length > 0 ? $" state={State}" : "")}";
}

/// <summary>An alert as Prometheus sees it (before Alertmanager): state pending or firing.</summary>
public sealed record PrometheusAlert(
    IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations, string State, DateTimeOffset? ActiveAt, string Value)
{
    public string Name => Labels.GetValueOrDefault("alertname", "");
    public override string ToString() => $"{Name} {State}";
}

/// <summary>Prometheus answered, but with an error status.</summary>
public sealed class PrometheusApiException(string message) : Exception(message);
