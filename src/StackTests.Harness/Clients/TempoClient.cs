using System.Globalization;
using System.Text.Json;
using Flurl.Http;
using static StackTests.Harness.Clients.JsonRead;

namespace StackTests.Harness.Clients;

/// <summary>
/// The Tempo HTTP API (https://grafana.com/docs/tempo/latest/api_docs/): trace by id (v1 and v2),
/// TraceQL search, tag names and values, readiness. The only place that knows its paths and shapes.
/// </summary>
public sealed class TempoClient
{
    private const string Component = "Tempo";
    private readonly FlurlClient _http;

    /// <param name="tenant">Sent as X-Scope-OrgID when Tempo runs multi-tenant; null for none.</param>
    public TempoClient(Uri baseUrl, string? tenant = null, TimeSpan? timeout = null)
    {
        BaseUrl = baseUrl;
        _http = ApiCall.Client(baseUrl, timeout ?? TimeSpan.FromSeconds(10), tenant);
    }

    public Uri BaseUrl { get; }

    /// <summary>GET /ready: 200 once ready; Tempo answers 503 for ~15 s after start.</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) =>
        ApiCall.IsReadyAsync(Component, _http.Request("ready"), cancellationToken);

    /// <summary>GET /api/traces/{id} (JSON): the trace, or null while Tempo does not know it (404).</summary>
    public Task<TempoTrace?> TraceAsync(TraceId id, DateTimeOffset? start = null, DateTimeOffset? end = null, CancellationToken cancellationToken = default) =>
        FetchTraceAsync(_http.Request("api", "traces", id.Hex), start, end, cancellationToken);

    /// <summary>GET /api/search?q=&lt;TraceQL&gt;: the matching traces (search sees new traces only after 15-20 s).</summary>
    public async Task<IReadOnlyList<TraceSummary>> SearchAsync(
        string traceql, DateTimeOffset? start = null, DateTimeOffset? end = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var request = WithRange(_http.Request("api", "search").SetQueryParam("q", traceql), start, end);
        if (limit is { } l) request.SetQueryParam("limit", l);
        return ParseSearchResponse(await ApiCall.GetStringAsync(Component, request, cancellationToken));
    }

    private static async Task<TempoTrace?> FetchTraceAsync(IFlurlRequest request, DateTimeOffset? start, DateTimeOffset? end, CancellationToken cancellationToken)
    {
        var answer = await ApiCall.SendAsync(Component, WithRange(request.WithHeader("Accept", "application/json"), start, end),
            HttpMethod.Get, null, cancellationToken, 404);
        return answer.Status == 404 ? null : ParseTrace(answer.Body);
    }

    private static IFlurlRequest WithRange(IFlurlRequest request, DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is { } from) request.SetQueryParam("start", from.ToUnixTimeSeconds());
        if (end is { } to) request.SetQueryParam("end", to.ToUnixTimeSeconds());
        return request;
    }

    /// <summary>
    /// Reads a trace in any of Tempo's JSON shapes: v1 {"batches":[...]}, OTLP {"resourceSpans":[...]},
    /// v2 {"trace":{"resourceSpans":[...]}}; spans under scopeSpans or the older instrumentationLibrarySpans.
    /// </summary>
    public static TempoTrace ParseTrace(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        if (root.TryGetProperty("trace", out var trace)) root = trace;
        var spans = new List<TempoSpan>();
        foreach (var resource in Array(root, "batches", "resourceSpans", "resource_spans"))
        {
            var resourceAttributes = resource.TryGetProperty("resource", out var r)
                ? Attributes(Property(r, "attributes")) : new Dictionary<string, string>();
            foreach (var scope in Array(resource, "scopeSpans", "scope_spans", "instrumentationLibrarySpans", "instrumentation_library_spans"))
            foreach (var span in Array(scope, "spans"))
                spans.Add(new TempoSpan(
                    TraceId.Parse(Text(span, "traceId", "trace_id")),
                    OtlpId.NormalizeSpanId(Text(span, "spanId", "span_id")),
                    OtlpId.NormalizeSpanId(Text(span, "parentSpanId", "parent_span_id")),
                    Text(span, "name"),
                    Kind(Property(span, "kind")),
                    Attributes(Property(span, "attributes")),
                    resourceAttributes));
        }
        return new TempoTrace(spans);
    }

    // Tempo writes OTLP JSON in camelCase; protobuf's original snake_case names are accepted too (see Array).

    private static IEnumerable<JsonElement> Array(JsonElement element, params string[] names) =>
        Property(element, names) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    // Span kind as the enum name ("SPAN_KIND_SERVER") or its number (2).
    private static string Kind(JsonElement kind) => kind.ValueKind switch
    {
        JsonValueKind.String => kind.GetString() ?? "",
        JsonValueKind.Number => kind.GetInt32() switch
        {
            1 => "SPAN_KIND_INTERNAL", 2 => "SPAN_KIND_SERVER", 3 => "SPAN_KIND_CLIENT", 4 => "SPAN_KIND_PRODUCER", 5 => "SPAN_KIND_CONSUMER",
            _ => "SPAN_KIND_UNSPECIFIED",
        },
        _ => "",
    };

    /// <summary>Reads /api/search: traces[] with traceID, rootServiceName, rootTraceName and spanSets (or the older spanSet).</summary>
    public static IReadOnlyList<TraceSummary> ParseSearchResponse(string json)
    {
        var root = JsonDocument.Parse(json).RootElement;
        if (!root.TryGetProperty("traces", out var traces) || traces.ValueKind != JsonValueKind.Array) return [];
        return traces.EnumerateArray().Select(trace =>
        {
            var spans = new List<MatchedSpan>();
            var sets = trace.TryGetProperty("spanSets", out var many) && many.ValueKind == JsonValueKind.Array ? many.EnumerateArray().ToList()
                : trace.TryGetProperty("spanSet", out var one) ? [one] : [];
            foreach (var set in sets)
                if (set.TryGetProperty("spans", out var setSpans))
                    spans.AddRange(setSpans.EnumerateArray().Select(s => new MatchedSpan(
                        OtlpId.NormalizeSpanId(Text(s, "spanID")),
                        Text(s, "name"),
                        s.TryGetProperty("attributes", out var a) ? Attributes(a) : new Dictionary<string, string>())));
            return new TraceSummary(
                TraceId.Parse(Text(trace, "traceID")),
                Text(trace, "rootServiceName"),
                Text(trace, "rootTraceName"),
                long.TryParse(Text(trace, "startTimeUnixNano"), NumberStyles.None, CultureInfo.InvariantCulture, out var nanos)
                    ? DateTimeOffset.UnixEpoch.AddTicks(nanos / 100) : null,
                trace.TryGetProperty("durationMs", out var duration) && duration.ValueKind == JsonValueKind.Number ? duration.GetInt64() : null,
                spans);
        }).ToList();
    }

    /// <summary>OTLP JSON attributes [{"key":..,"value":{"stringValue"|"intValue"|...}}] as text.</summary>
    public static Dictionary<string, string> Attributes(JsonElement attributes)
    {
        var result = new Dictionary<string, string>();
        if (attributes.ValueKind != JsonValueKind.Array) return result;
        foreach (var attribute in attributes.EnumerateArray())
            result[Text(attribute, "key")] = attribute.TryGetProperty("value", out var value) ? AnyValue(value) : "";
        return result;
    }

    private static string AnyValue(JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
            return property.Name switch
            {
                "arrayValue" => "[" + string.Join(",", property.Value.TryGetProperty("values", out var items) ? items.EnumerateArray().Select(AnyValue) : []) + "]",
                "kvlistValue" => "{" + string.Join(",", property.Value.TryGetProperty("values", out var pairs)
                    ? pairs.EnumerateArray().Select(p => $"{Text(p, "key")}={(p.TryGetProperty("value", out var v) ? AnyValue(v) : "")}") : []) + "}",
                _ => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText(),
            };
        return "";
    }
}

/// <summary>A trace as Tempo returned it: every span with its resource's attributes.</summary>
public sealed record TempoTrace(IReadOnlyList<TempoSpan> Spans)
{
    public IEnumerable<string> ServiceNames => Spans.Select(s => s.ServiceName).Distinct();
    public override string ToString() => $"{Spans.Count} spans of {string.Join(", ", ServiceNames)}";
}

/// <summary>One span; ids in lower-case hex whatever encoding Tempo used.</summary>
public sealed record TempoSpan(
    TraceId TraceId, string SpanId, string ParentSpanId, string Name, string Kind,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyDictionary<string, string> ResourceAttributes)
{
    public string ServiceName => ResourceAttributes.GetValueOrDefault("service.name", "");
    public override string ToString() => $"{ServiceName}: {Name} ({SpanId})";
}

/// <summary>One hit of a TraceQL search.</summary>
public sealed record TraceSummary(
    TraceId TraceId, string RootServiceName, string RootTraceName, DateTimeOffset? Start, long? DurationMs, IReadOnlyList<MatchedSpan> MatchedSpans)
{
    public override string ToString() => $"{TraceId} {RootServiceName}: {RootTraceName}";
}

public sealed record MatchedSpan(string SpanId, string Name, IReadOnlyDictionary<string, string> Attributes);
