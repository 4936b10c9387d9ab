using StackTests.Harness;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;
using StackTests.Tests.Harness.Clients;

namespace StackTests.Tests.Harness.Emitters;

public sealed class LokiAndPushgatewayEmitterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Loki_emitter_labels_the_line_with_the_run_id_and_carries_the_trace_id()
    {
        using var http = new HttpTest();
        http.RespondWith("", 204);
        var emitter = new LokiLogEmitter(new LokiClient(new Uri("http://loki:3100/")), runId: "run-7");
        var traceId = TraceId.Parse("0af7651916cd43dd8448eb211c80319c");
        var sent = await emitter.SendAsync("order placed", traceId, new Dictionary<string, string> { ["service_name"] = "shop" }, cancellationToken: Token);
        sent.Selector.Should().Be("{job=\"stacktests\", run_id=\"run-7\", service_name=\"shop\"}");
        sent.Line.Should().Be("order placed run_id=run-7 trace_id=0af7651916cd43dd8448eb211c80319c");
        http.ShouldHaveCalled("http://loki:3100/loki/api/v1/push")
            .WithRequestBody("{\"streams\":[{\"stream\":{\"job\":\"stacktests\",\"run_id\":\"run-7\",\"service_name\":\"shop\"},\"values\":[[\"*\",\"order placed run_id=run-7 trace_id=0af7651916cd43dd8448eb211c80319c\",{\"trace_id\":\"0af7651916cd43dd8448eb211c80319c\"}]]}]}");
    }

    // A retried push keeps its first time (Loki keeps one copy of a line with the same time and text).
    [Fact]
    public async Task Loki_emitter_stamps_the_line_at_the_time_given()
    {
        using var http = new HttpTest();
        http.RespondWith("", 204);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);
        var sent = await new LokiLogEmitter(new LokiClient(new Uri("http://loki:3100/")), runId: "run-7").SendAsync("x", time: at, cancellationToken: Token);
        sent.Time.Should().Be(at);
        http.ShouldHaveCalled("http://loki:3100/loki/api/v1/push").WithRequestBody("*[\"1700000000123000000\",\"x run_id=run-7\"]*");
    }

    [Fact]
    public async Task Loki_emitter_reports_a_rejected_push()
    {
        using var http = new HttpTest();
        http.RespondWith("entry too far behind", 400);
        var emitter = new LokiLogEmitter(new LokiClient(new Uri("http://loki:3100/")), runId: "run-7");
        var send = () => emitter.SendAsync("x", cancellationToken: Token);
        (await send.Should().ThrowAsync<EmitterException>()).Which.Message.Should().Contain("400").And.Contain("entry too far behind");
    }

    // Text format as in https://prometheus.io/docs/instrumenting/exposition_formats/; grouping key paths
    // (incl. the @base64 form for values with "/") as in https://github.com/prometheus/pushgateway#url.
    [Fact]
    public void Pushgateway_body_and_grouping_path()
    {
        PushgatewayEmitter.BuildBody([
            new PushedMetric("stacktests_batch_size", 42, Help: "Size of the \\ batch"),
            new PushedMetric("stacktests_jobs_total", 3, "counter", new Dictionary<string, string> { ["queue"] = "a\"b" })])
            .Should().Be("# HELP stacktests_batch_size Size of the \\\\ batch\n# TYPE stacktests_batch_size gauge\nstacktests_batch_size 42\n" +
                         "# TYPE stacktests_jobs_total counter\nstacktests_jobs_total{queue=\"a\\\"b\"} 3\n");
        PushgatewayEmitter.GroupPath("backup", "run-1").Should().Be("metrics/job/backup/run_id/run-1");
        PushgatewayEmitter.GroupPath("a/b", "run 1").Should().Be("metrics/job@base64/YS9i/run_id/run%201");
    }

    [Trait("Tier", "integration")]
    [Fact]
    public async Task Pushes_to_and_deletes_from_a_real_pushgateway()
    {
        await using var pushgateway = await InMemoryPushgateway.StartAsync();
        var runId = $"run-{Guid.NewGuid():N}";
        var emitter = new PushgatewayEmitter(pushgateway.BaseUrl, runId, TimeSpan.FromSeconds(5));
        await using var prometheus = await ScrapingPrometheus.StartAsync("pushgateway", pushgateway.BaseUrl, honorLabels: true);
        var client = new PrometheusClient(prometheus.BaseUrl, TimeSpan.FromSeconds(5));
        var query = $"stacktests_batch_size{{run_id=\"{runId}\"}}";
        var scraped = new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250));

        await emitter.PushAsync("stacktests", [new PushedMetric("stacktests_batch_size", 42, Labels: new Dictionary<string, string> { ["queue"] = "q1" })], Token);
        var pushed = await Eventually.UntilAsync($"{query} to be scraped", query, t => client.QueryAsync(query, t), s => s.Count > 0, scraped, cancellationToken: Token);
        var sample = pushed.Should().ContainSingle().Which;
        (sample.Value, sample.Labels["job"], sample.Labels["queue"]).Should().Be((42.0, "stacktests", "q1"));

        await emitter.DeleteAsync("stacktests", Token);
        await Eventually.UntilAsync($"{query} to be gone once deleted", query, t => client.QueryAsync(query, t), s => s.Count == 0, scraped, cancellationToken: Token);
    }
}
