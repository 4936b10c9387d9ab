using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flurl.Http;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Loki HTTP API (https://grafana.com/docs/loki/latest/reference/loki-http-api/): push, query,
/// query_range, labels, label values, series. The only place that knows its paths and shapes.
/// Loki adds labels of its own to streams (service_name, detected_level): compare label subsets.
/// </summary>
public sealed class LokiClient
{
    private const string Component = "Loki";
    private readonly FlurlClient _http;

    /// <param name="tenant">Sent as X-Scope-OrgID when Loki runs multi-tenant; null for none.</param>
    public LokiClient(Uri baseUrl, string? tenant = null, TimeSpan? timeout = null)
    {
        BaseUrl = baseUrl;
        _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10), tenant);
    }

    public Uri BaseUrl { get; }

    /// <summary>GET /ready: 200 once ready; Loki answers 503 for ~15 s after start.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        ApiCall.IsReadyAsync(Component, _http.Request("ready"), cancellationToken);

    /// <summary>POST /loki/api/v1/push (JSON); Loki answers 204.</summary>
    public async Task PushAsync(IReadOnlyList<LokiStream> streams, CancellationToken cancellationToken = default)
    {
        using var content = new Flurl.Http.Content.CapturedStringContent(BuildPushBody(streams), "application/json");
        await ApiCall.SendAsync(Component, _http.Request("loki", "api", "v1", "push"), HttpMethod.Post, content, cancellationToken);
    }

    /// <summary>GET /loki/api/v1/query_range: log streams, or a matrix for a metric query.</summary>
    public async Task<LokiQueryResult> QueryRangeAsync(
        string logql, DateTimeOffset start, DateTimeOffset end, int limit = 100, string direction = "backward",
        TimeSpan? step = null, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("loki", "api", "v1", "query_range")
            .SetQueryParam("query", logql)
            .SetQueryParam("start", UnixNanos(start))
            .SetQueryParam("end", UnixNanos(end))
            .SetQueryParam("limit", limit)
            .SetQueryParam("direction", direction);
        if (step is { } s) request.SetQueryParam("step", s.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        return ParseQueryResponse(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>GET /loki/api/v1/query: an instant query (metric queries give a vector).</summary>
    public async Task<LokiQueryResult> QueryAsync(string logql, DateTimeOffset? time = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        var request = _http.Request("loki", "api", "v1", "query").SetQueryParam("query", logql).SetQueryParam("limit", limit);
        if (time is { } at) request.SetQueryParam("time", UnixNanos(at));
        return ParseQueryResponse(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>GET /loki/api/v1/labels: the label names seen in the range (default: Loki's last 6 h).</summary>
    public async Task<IReadOnlyList<string>> LabelsAsync(DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default) =>
        ParseStringList(await ApiCall.GetStringAsync(Component, Range(_http.Request("loki", "api", "v1", "labels"), start, end), cancellationToken));

    /// <summary>GET /loki/api/v1/label/{name}/values, optionally restricted by a stream selector.</summary>
    public async Task<IReadOnlyList<string>> LabelValuesAsync(
        string label, string? query = null, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var request = Range(_http.Request("loki", "api", "v1", "label", label, "values"), start, end);
        if (query is not null) request.SetQueryParam("query", query);
        return ParseStringList(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>GET /loki/api/v1/series?match[]=...: the label sets of the matching streams.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(
        IReadOnlyList<string> match, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default)
    {
        var request = Range(_http.Request("loki", "api", "v1", "series").SetQueryParam("match[]", match), start, end);
        return ParseSeries(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    /// <summary>The push body: {"streams":[{"stream":{labels},"values":[["&lt;ns&gt;","line"(, {metadata})]]}]}.</summary>
    public static string BuildPushBody(IReadOnlyList<LokiStream> streams)
    {
        var array = new JsonArray();
        foreach (var stream in streams)
        {
            var labels = new JsonObject();
            foreach (var (name, value) in stream.Labels) labels[name] = value;
            var values = new JsonArray();
            foreach (var entry in stream.Entries)
            {
                var item = new JsonArray(UnixNanos(entry.Time), entry.Line);
                if (entry.Metadata is { Count: > 0 } metadata)
                {
                    var structured = new JsonObject();
                    foreach (var (name, value) in metadata) structured[name] = value;
                    item.Add(structured);
                }
                values.Add(item);
            }
            array.Add(new JsonObject { ["stream"] = labels, ["values"] = values });
        }
        return new JsonObject { ["streams"] = array }.ToJsonString();
    }

    public static LokiQueryResult ParseQueryResponse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new FormatException($"Loki answered status '{root.GetProperty("status").GetString()}': {json}");
        var data = root.GetProperty("data");
        var resultType = data.GetProperty("resultType").GetString() ?? "";
        var result = data.GetProperty("result");
        return resultType switch
        {
            "streams" => new LokiQueryResult(resultType, result.EnumerateArray().Select(ParseStream).ToList(), [], []),
            "matrix" => new LokiQueryResult(resultType, [], PrometheusClient.ParseQueryRangeResponse(json), []),
            "vector" => new LokiQueryResult(resultType, [], [], PrometheusClient.ParseQueryResponse(json)),
            _ => throw new FormatException($"unexpected Loki resultType '{resultType}'"),
        };
    }

    public static IReadOnlyList<string> ParseStringList(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        // Loki omits "data" when nothing matched.
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Select(v => v.GetString() ?? "").ToList()
            : [];
    }

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> ParseSeries(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array
            ? data.EnumerateArray().Select(IReadOnlyDictionary<string, string> (s) => s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")).ToList()
            : [];
    }

    private static LokiStreamResult ParseStream(JsonElement stream) => new(
        stream.GetProperty("stream").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
        stream.GetProperty("values").EnumerateArray().Select(value => new LokiLogLine(
            FromUnixNanos(value[0].GetString()!),
            value[1].GetString() ?? "",
            value.GetArrayLength() > 2 ? Metadata(value[2]) : new Dictionary<string, string>())).ToList());

    // The optional third element: structured metadata, flat or (categorize-labels) {"structuredMetadata":{...},"parsed":{...}}.
    private static Dictionary<string, string> Metadata(JsonElement element)
    {
        var result = new Dictionary<string, string>();
        if (element.ValueKind != JsonValueKind.Object) return result;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object)
                foreach (var inner in property.Value.EnumerateObject()) result[inner.Name] = inner.Value.GetString() ?? "";
            else result[property.Name] = property.Value.GetString() ?? "";
        }
        return result;
    }

    private static IFlurlRequest Range(IFlurlRequest request, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } from) request.SetQueryParam("start", UnixNanos(from));
        if (end is { } to) request.SetQueryParam("end", UnixNanos(to));
        return request;
    }

    public static string UnixNanos(DateTimeOffset time) =>
        ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset FromUnixNanos(string nanos) =>
        DateTimeOffset.UnixEpoch.AddTicks(long.Parse(nanos, CultureInfo.InvariantCulture) / 100);
}

/// <summary>A stream to push: its labels and entries.</summary>
public sealed record LokiStream(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<LokiEntry> Entries);

/// <summary>A log entry to push; Metadata becomes Loki structured metadata (Loki 3+).</summary>
public sealed record LokiEntry(DateTimeOffset Time, string Line, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>What a query returned: streams for a log query, a matrix or vector for a metric query.</summary>
public sealed record LokiQueryResult(
    string ResultType, IReadOnlyList<LokiStreamResult> Streams, IReadOnlyList<RangeSeries> Matrix, IReadOnlyList<Sample> Vector)
{
    public IEnumerable<LokiLogLine> Lines => Streams.SelectMany(s => s.Lines);

    public override string ToString() => ResultType switch
    {
        "streams" => $"{Streams.Count} streams, {Lines.Count()} lines",
        "matrix" => $"{Matrix.Count} series",
        _ => $"{Vector.Count} samples",
    };
}

/// <summary>A stream of a query result: all its labels (incl. those Loki added) and its lines.</summary>
public sealed record LokiStreamResult(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<LokiLogLine> Lines)
{
    /// <summary>True when every expected label is present with that value; other labels are ignored.</summary>
    public bool HasLabels(IReadOnlyDictionary<string, string> expected) =>
        expected.All(e => Labels.TryGetValue(e.Key, out var value) && value == e.Value);

    public override string ToString() =>
        $"{{{string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Lines.Count} lines";
}

public sealed record LokiLogLine(DateTimeOffset Time, string Line, IReadOnlyDictionary<string, string> Metadata);
