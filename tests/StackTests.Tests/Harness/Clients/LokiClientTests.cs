using System.Text.Json;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

// Shapes from https://grafana.com/docs/loki/latest/reference/loki-http-api/ (grafana/loki docs/sources/reference/loki-http-api.md).
public sealed class LokiClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    // docs: "Query logs within a range of time", the {job="varlogs"} example, plus the labels Loki 3 adds itself (GUIDE §6).
    [Fact]
    public void Parses_streams_with_all_labels_and_lines()
    {
        const string body = """
            {"status":"success","data":{"resultType":"streams","result":[
              {"stream":{"filename":"/var/log/myproject.log","job":"varlogs","level":"info","service_name":"varlogs","detected_level":"info"},
               "values":[["1569266497240578000","foo"],["1569266492548155000","bar"]]}],
             "stats":{"summary":{"bytesProcessedPerSecond":0}}}}
            """;
        var result = LokiClient.ParseQueryResponse(body);
        result.ResultType.Should().Be("streams");
        var stream = result.Streams.Single();
        stream.HasLabels(new Dictionary<string, string> { ["job"] = "varlogs", ["level"] = "info" }).Should().BeTrue("extra labels Loki added do not matter");
        stream.HasLabels(new Dictionary<string, string> { ["job"] = "other" }).Should().BeFalse();
        stream.Labels["service_name"].Should().Be("varlogs");
        result.Lines.Select(l => l.Line).Should().Equal("foo", "bar");
        result.Lines.First().Time.Should().Be(DateTimeOffset.UnixEpoch.AddTicks(15692664972405780));
    }

    // docs: the sum(rate({job="varlogs"}[10m])) by (level) example (integer second timestamps).
    [Fact]
    public void Parses_a_metric_query_matrix()
    {
        const string body = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"level":"info"},"values":[[1588889221,"137.95"],[1588889221,"467.115"]]},
              {"metric":{"level":"warn"},"values":[[1588889221,"137.27833333333334"]]}],"stats":{}}}
            """;
        var result = LokiClient.ParseQueryResponse(body);
        result.Matrix.Select(s => s.Labels["level"]).Should().Equal("info", "warn");
        result.Matrix[0].Points.Select(p => p.Value).Should().Equal(137.95, 467.115);
    }

    // docs: "Query logs at a single point in time", vector example.
    [Fact]
    public void Parses_an_instant_vector()
    {
        const string body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{},"value":[1588889221,"1267.1266666666666"]},
              {"metric":{"level":"warn"},"value":[1588889221,"37.77166666666667"]}],"stats":{}}}
            """;
        LokiClient.ParseQueryResponse(body).Vector.Select(s => s.Value).Should().Equal(1267.1266666666666, 37.77166666666667);
    }

    // A line with structured metadata carries a third element (Loki 3, categorize-labels encoding nests it).
    [Fact]
    public void Reads_structured_metadata_of_a_line()
    {
        const string body = """
            {"status":"success","data":{"resultType":"streams","result":[
              {"stream":{"job":"app"},"values":[["1700000000000000000","hello",{"structuredMetadata":{"trace_id":"0af7651916cd43dd8448eb211c80319c"}}]]}]}}
            """;
        LokiClient.ParseQueryResponse(body).Lines.Single().Metadata["trace_id"].Should().Be("0af7651916cd43dd8448eb211c80319c");
    }

    // docs: "Query labels", "Query label values", "Query streams".
    [Fact]
    public void Parses_labels_values_and_series()
    {
        LokiClient.ParseStringList("""{"status":"success","data":["foo","bar","baz"]}""").Should().Equal("foo", "bar", "baz");
        LokiClient.ParseStringList("""{"status":"success"}""").Should().BeEmpty("Loki leaves out data when nothing matched");
        var series = LokiClient.ParseSeries("""
            {"status":"success","data":[{"container_name":"loki","app":"loki","stream":"stderr"},{"app":"prometheus","component":"server"}]}
            """);
        series.Select(s => s["app"]).Should().Equal("loki", "prometheus");
    }

    // docs: "Ingest logs", JSON body: {"streams":[{"stream":{...},"values":[["<ns>","line"]]}]}.
    [Fact]
    public void Builds_the_push_body_with_nanosecond_timestamps_and_metadata()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1570818238000).AddTicks(1234);
        var body = LokiClient.BuildPushBody([
            new LokiStream(new Dictionary<string, string> { ["job"] = "stacktests", ["run_id"] = "run-1" }, [
                new LokiEntry(time, "fizzbuzz"),
                new LokiEntry(time, "with trace", new Dictionary<string, string> { ["trace_id"] = "abc" })])]);
        JsonDocument.Parse(body).RootElement.GetRawText().Should().Be(
            """{"streams":[{"stream":{"job":"stacktests","run_id":"run-1"},"values":[["1570818238000123400","fizzbuzz"],["1570818238000123400","with trace",{"trace_id":"abc"}]]}]}""");
    }

    [Fact]
    public async Task Sends_push_and_queries_with_tenant_and_parameters()
    {
        using var http = new HttpTest();
        http.RespondWith("", 204);
        http.RespondWith("""{"status":"success","data":{"resultType":"streams","result":[]}}""");
        var client = new LokiClient(new Uri("http://loki:3100/"), tenant: "team-a");
        await client.PushAsync([new LokiStream(new Dictionary<string, string> { ["job"] = "x" }, [new LokiEntry(DateTimeOffset.UnixEpoch.AddSeconds(1), "l")])], Token);
        var start = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        await client.QueryRangeAsync("{job=\"x\"}", start, start.AddMinutes(1), limit: 10, direction: "forward", cancellationToken: Token);
        http.ShouldHaveCalled("http://loki:3100/loki/api/v1/push").WithVerb(HttpMethod.Post)
            .WithHeader("X-Scope-OrgID", "team-a").WithContentType("application/json")
            .WithRequestBody("""{"streams":[{"stream":{"job":"x"},"values":[["1000000000","l"]]}]}""");
        http.ShouldHaveCalled("http://loki:3100/loki/api/v1/query_range").WithVerb(HttpMethod.Get).WithHeader("X-Scope-OrgID", "team-a")
            .WithQueryParam("query", "{job=\"x\"}").WithQueryParam("start", "1700000000000000000").WithQueryParam("end", "1700000060000000000")
            .WithQueryParam("limit", "10").WithQueryParam("direction", "forward");
    }

    [Fact]
    public async Task A_rejected_push_names_endpoint_status_and_loki_message()
    {
        using var http = new HttpTest();
        http.RespondWith("error at least one label pair is required per stream\n", 400);
        var client = new LokiClient(new Uri("http://loki:3100/"));
        var push = () => client.PushAsync([new LokiStream(new Dictionary<string, string>(), [])], Token);
        (await push.Should().ThrowAsync<ApiException>()).Which.Message
            .Should().Be("Loki POST /loki/api/v1/push answered 400 Bad Request: error at least one label pair is required per stream");
    }

    [Fact]
    public async Task An_unreachable_loki_is_reported_with_its_address()
    {
        var client = new LokiClient(new Uri($"http://127.0.0.1:{LocalComponent.FreePort()}/"), timeout: TimeSpan.FromSeconds(3));
        var ready = () => client.IsReadyAsync(Token);
        var error = (await ready.Should().ThrowAsync<ApiException>()).Which;
        error.Message.Should().StartWith("Loki GET /ready could not be reached at http://127.0.0.1:");
        error.Status.Should().BeNull();
    }
}
