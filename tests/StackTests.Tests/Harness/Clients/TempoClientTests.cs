using Flurl.Http.Testing;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

// Shapes from https://grafana.com/docs/tempo/latest/api_docs/ (grafana/tempo docs/sources/tempo/api_docs/_index.md)
// and the trace test data of grafana/grafana pkg/tsdb/tempo/testData/trace.json.
public sealed class TempoClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // GUIDE §6 (measured on Tempo 2.10): GET /api/traces/{id} answers batches[] with base64 ids, camelCase OTLP JSON.
    private const string V1Trace = """
        {"batches":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}},
            {"key":"stacktests.run_id","value":{"stringValue":"run-1"}}]},
          "scopeSpans":[{"scope":{"name":"stacktests"},"spans":[
            {"traceId":"AAAAAAAAAABiDwOiJTxeNw==","spanId":"JP0sEuuWMZA=","name":"GET /cart","kind":"SPAN_KIND_SERVER",
             "startTimeUnixNano":"1616072924071839000","endTimeUnixNano":"1616072924071843000",
             "attributes":[{"key":"http.status_code","value":{"intValue":"200"}},{"key":"cache.hit","value":{"boolValue":false}}],"status":{}},
            {"traceId":"AAAAAAAAAABiDwOiJTxeNw==","spanId":"SZOr96Psndc=","parentSpanId":"JP0sEuuWMZA=","name":"SELECT","kind":"SPAN_KIND_CLIENT","status":{}}]}]}]}
        """;

    [Fact]
    public void Parses_a_v1_trace_with_base64_ids()
    {
        var trace = TempoClient.ParseTrace(V1Trace);
        trace.Spans.Should().HaveCount(2);
        var root = trace.Spans[0];
        root.TraceId.Should().Be(TraceId.Parse("620f03a2253c5e37"), "base64 AAAAAAAAAABiDwOiJTxeNw== is 0000000000000000620f03a2253c5e37");
        root.SpanId.Should().Be("24fd2c12eb963190");
        (root.Name, root.Kind, root.ServiceName).Should().Be(("GET /cart", "SPAN_KIND_SERVER", "checkout"));
        root.Attributes.Should().Equal(new Dictionary<string, string> { ["http.status_code"] = "200", ["cache.hit"] = "false" });
        root.ResourceAttributes["stacktests.run_id"].Should().Be("run-1");
        trace.Spans[1].ParentSpanId.Should().Be(root.SpanId);
    }

    // grafana/grafana pkg/tsdb/tempo/testData/trace.json: protobuf field names (resourceSpans, scope_spans, trace_id, string_value, numeric kind).
    [Fact]
    public void Parses_the_otlp_resource_spans_shape_with_original_field_names()
    {
        const string body = """
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"loki-all"}}]},
              "scope_spans":[{"scope":{},"spans":[
                {"trace_id":"AAAAAAAAAABiDwOiJTxeNw==","span_id":"L75zZkOSUUc=","parent_span_id":"cOnlP9NCUAE=","name":"QUERY","kind":3,
                 "start_time_unix_nano":1616072924072003000,"end_time_unix_nano":1616072924072194000,
                 "attributes":[{"key":"organization","value":{"string_value":"fake"}}],"status":{}}]}]}]}
            """;
        var span = TempoClient.ParseTrace(body).Spans.Single();
        (span.ServiceName, span.Name, span.Kind, span.Attributes["organization"]).Should().Be(("loki-all", "QUERY", "SPAN_KIND_CLIENT", "fake"));
        span.TraceId.Hex.Should().Be("0000000000000000620f03a2253c5e37");
    }

    // GUIDE §6: GET /api/v2/traces/{id} returns {"trace":{"resourceSpans":[...]}} (ids in hex here; both encodings are read).
    [Fact]
    public void Parses_a_v2_trace()
    {
        const string body = """
            {"trace":{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"shop-backend"}}]},
              "scopeSpans":[{"spans":[{"traceId":"2f3e0cee77ae5dc9c17ade3689eb2e54","spanId":"563d623c76514f8e","name":"update-billing"}]}]}]}}
            """;
        var span = TempoClient.ParseTrace(body).Spans.Single();
        (span.TraceId.Hex, span.SpanId, span.ServiceName).Should().Be(("2f3e0cee77ae5dc9c17ade3689eb2e54", "563d623c76514f8e", "shop-backend"));
    }

    // docs: "Example of TraceQL search" (spanSets) and the older single spanSet shape
    // (gist by joe-elliott linked from Tempo issues: traceID without leading zeros).
    [Fact]
    public void Parses_search_results_and_normalises_ids()
    {
        const string body = """
            {"traces":[
              {"traceID":"2f3e0cee77ae5dc9c17ade3689eb2e54","rootServiceName":"shop-backend","rootTraceName":"update-billing",
               "startTimeUnixNano":"1684778327699392724","durationMs":557,
               "spanSets":[{"spans":[{"spanID":"563d623c76514f8e","startTimeUnixNano":"1684778327735077898","durationNanos":"446979497",
                 "attributes":[{"key":"status","value":{"stringValue":"error"}}]}],"matched":1}]},
              {"traceID":"7a1d2dd4deaf177e0acf55b3c49032","rootServiceName":"mythical-server","rootTraceName":"HTTP GET",
               "startTimeUnixNano":"1678972751297796608","durationMs":6,
               "spanSet":{"spans":[{"spanID":"c9da5e6e5f51bb83","attributes":[{"key":"service.name","value":{"stringValue":"mythical-server"}}]}],"matched":1}}],
             "metrics":{"totalBlocks":13}}
            """;
        var traces = TempoClient.ParseSearchResponse(body);
        traces.Select(t => (t.RootServiceName, t.RootTraceName, t.DurationMs)).Should().Equal(
            ("shop-backend", "update-billing", 557L), ("mythical-server", "HTTP GET", 6L));
        traces[0].MatchedSpans.Single().Attributes["status"].Should().Be("error");
        traces[0].Start.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(16847783276993927));
        traces[1].TraceId.Should().Be(TraceId.Parse("007a1d2dd4deaf177e0acf55b3c49032"), "search drops leading zeros");
        traces[1].MatchedSpans.Single().SpanId.Should().Be("c9da5e6e5f51bb83");
        TempoClient.ParseSearchResponse("""{"traces":[],"metrics":{}}""").Should().BeEmpty();
    }

    [Fact]
    public async Task A_trace_not_found_yet_is_null_and_search_sends_traceql()
    {
        using var http = new HttpTest();
        http.RespondWith("trace not found", 404);
        http.RespondWith("""{"traces":[]}""");
        var client = new TempoClient(new Uri("http://tempo:3200/"));
        var id = TraceId.Parse("0af7651916cd43dd8448eb211c80319c");
        (await client.TraceAsync(id, cancellationToken: Token)).Should().BeNull();
        var start = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        await client.SearchAsync("{ resource.stacktests.run_id = \"run-1\" }", start, start.AddMinutes(5), limit: 20, Token);
        http.ShouldHaveCalled("http://tempo:3200/api/traces/0af7651916cd43dd8448eb211c80319c").WithHeader("Accept", "application/json");
        http.ShouldHaveCalled("http://tempo:3200/api/search").WithQueryParam("q", "{ resource.stacktests.run_id = \"run-1\" }")
            .WithQueryParam("start", "1700000000").WithQueryParam("end", "1700000300").WithQueryParam("limit", "20");
    }
}
