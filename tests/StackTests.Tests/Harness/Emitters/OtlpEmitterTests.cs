using System.Text;
using Microsoft.Extensions.Logging;
using StackTests.Harness.Emitters;
using StackTests.Tests.Harness.Clients;

namespace StackTests.Tests.Harness.Emitters;

// OTLP/HTTP as specified in https://opentelemetry.io/docs/specs/otlp/#otlphttp: POST protobuf to /v1/traces,
// /v1/logs, /v1/metrics with Content-Type application/x-protobuf; success is 200.
[Trait("Tier", "integration")]
public sealed class OtlpEmitterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private const string RunId = "run-otlp-test";

    [Fact]
    public async Task Sends_a_trace_carrying_the_run_id_and_returns_its_ids()
    {
        using var receiver = new OtlpReceiver();
        var emitter = new OtlpEmitter(receiver.Endpoint, serviceName: "checkout", timeout: TimeSpan.FromSeconds(5), runId: RunId);
        var sent = await emitter.SendTraceAsync("GET /cart", new Dictionary<string, object> { ["http.route"] = "/cart" }, Token);

        sent.TraceId.Hex.Should().MatchRegex("^[0-9a-f]{32}$");
        (sent.RootSpanId, sent.ChildSpanId).Should().NotBe((sent.ChildSpanId, sent.RootSpanId));
        receiver.Requests.Select(r => (r.Path, r.ContentType)).Should().AllBeEquivalentTo(("/v1/traces", "application/x-protobuf"));
        var request = new OtlpReceiver.Request("/v1/traces", "", receiver.Requests.SelectMany(r => r.Body).ToArray());
        request.Body.Contains(Convert.FromHexString(sent.TraceId.Hex)).Should().BeTrue("the protobuf carries the trace id bytes");
        request.Body.Contains(Convert.FromHexString(sent.RootSpanId)).Should().BeTrue();
        request.Body.Contains(Encoding.UTF8.GetBytes(RunId)).Should().BeTrue();
        request.Body.Contains("stacktests.run_id"u8.ToArray()).Should().BeTrue();
        request.Body.Contains("checkout"u8.ToArray()).Should().BeTrue("service.name is the given service");
        request.Body.Contains("checkout-backend"u8.ToArray()).Should().BeTrue("the client span calls a server span of a second service");
        request.Body.Contains("failed on purpose"u8.ToArray()).Should().BeFalse("a trace is not failed unless asked");
    }

    [Fact]
    public async Task A_failed_trace_has_an_error_status_on_its_root_span()
    {
        using var receiver = new OtlpReceiver();
        var emitter = new OtlpEmitter(receiver.Endpoint, serviceName: "checkout", timeout: TimeSpan.FromSeconds(5), runId: RunId);
        await emitter.SendTraceAsync("POST /pay", cancellationToken: Token, failed: true);

        var body = receiver.Requests.SelectMany(r => r.Body).ToArray();
        body.Contains("failed on purpose by the acceptance suite"u8.ToArray()).Should().BeTrue("the root span's error status carries its message");
    }

    [Fact]
    public async Task Sends_a_log_record_within_a_trace_and_a_counter()
    {
        using var receiver = new OtlpReceiver();
        var emitter = new OtlpEmitter(receiver.Endpoint, timeout: TimeSpan.FromSeconds(5), runId: RunId);
        var trace = await emitter.SendTraceAsync("job", cancellationToken: Token);
        await emitter.SendLogAsync("payment accepted", LogLevel.Warning, trace, cancellationToken: Token);
        await emitter.SendCounterAsync("stacktests_orders", 3, new Dictionary<string, object> { ["shop"] = "eu" }, Token);

        var log = receiver.Requests.Single(r => r.Path == "/v1/logs");
        log.Body.Contains("payment accepted"u8.ToArray()).Should().BeTrue();
        log.Body.Contains(Convert.FromHexString(trace.TraceId.Hex)).Should().BeTrue("the record carries the trace id it was written in");
        log.Body.Contains(Encoding.UTF8.GetBytes(RunId)).Should().BeTrue();
        // ForceFlush exports, and so does the provider's shutdown: a cumulative counter may arrive twice.
        var metric = receiver.Requests.First(r => r.Path == "/v1/metrics");
        metric.Body.Contains("stacktests_orders"u8.ToArray()).Should().BeTrue();
        metric.Body.Contains("run_id"u8.ToArray()).Should().BeTrue("data points carry the run id label");
    }

    [Fact]
    public async Task A_rejecting_collector_fails_with_the_endpoint_and_status()
    {
        using var receiver = new OtlpReceiver { Status = 400 };
        var emitter = new OtlpEmitter(receiver.Endpoint, timeout: TimeSpan.FromSeconds(5), runId: RunId);
        var send = () => emitter.SendTraceAsync("x", cancellationToken: Token);
        (await send.Should().ThrowAsync<EmitterException>()).Which.Message
            .Should().StartWith($"OTLP export of a trace to {receiver.Endpoint} failed: POST {receiver.Endpoint}v1/traces answered 400");
    }

    [Fact]
    public async Task An_unreachable_collector_fails_within_the_bound()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LocalComponent.FreePort()}/");
        var emitter = new OtlpEmitter(endpoint, timeout: TimeSpan.FromSeconds(3), runId: RunId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var send = () => emitter.SendCounterAsync("x", 1, cancellationToken: Token);
        (await send.Should().ThrowAsync<EmitterException>()).Which.Message.Should().Contain(endpoint.ToString());
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }
}
