using System.Diagnostics;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class TempoSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    /// <summary>
    /// The service of the traces sent to Tempo directly: the run id in it, since span metrics carry
    /// the service name and not the run id attribute (the generator's default dimensions).
    /// </summary>
    private static string DirectService => $"stacktests-{TestRun.Id}";

    // Span metrics arrive through the generator's collection interval and remote write; a scrape-free
    // path, but slower than a lookup by id.
    private static readonly EventuallyOptions MetricsWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2));

    [When("a trace is sent to Tempo directly over OTLP")]
    public async Task SendTraceToTempo()
    {
        await state.NoteCountersAsync(() => TempoIngestDiagnosis.NoteAsync(context.Stack));
        var emitter = new OtlpEmitter(context.Endpoint("tempo", "otlp-http"), OtlpTransport.HttpProtobuf, DirectService);
        state.TraceSent = Stopwatch.StartNew();
        state.Trace = await emitter.SendTraceAsync($"checkout {TestRun.Id}");
        state.TraceRoute = "OTLP -> Tempo";
        scenario.Output.WriteLine($"sent {state.Trace} to Tempo's OTLP receiver ({state.Trace.SpanIds.Count} spans)");
    }

    [Then("Tempo returns the trace by its id")]
    public Task TraceById() => state.DiagnosedAsync(async () =>
    {
        var sent = state.RequireTrace();
        var trace = await TraceUntilAsync(sent, found => found.Spans.Any(s => s.SpanId == sent.RootSpanId));
        trace.Spans.Select(s => s.SpanId).Should().Contain([sent.RootSpanId, sent.ChildSpanId]);
        trace.ServiceNames.Should().Contain(sent.ServiceName);
    });

    [Then("Tempo returns every span of the trace by its id")]
    public Task WholeTraceById() => state.DiagnosedAsync(async () =>
    {
        var sent = state.RequireTrace();
        // A trace counts as whole when every span sent is there (tempo-vulture's "missing spans" otherwise).
        var trace = await TraceUntilAsync(sent, found => sent.SpanIds.All(id => found.Spans.Any(s => s.SpanId == id)));
        trace.Spans.Should().HaveCount(sent.SpanIds.Count, "Tempo stores each span once");
        trace.ServiceNames.Should().BeEquivalentTo([sent.ServiceName, sent.BackendServiceName]);
        trace.Spans.Should().OnlyContain(s => s.TraceId == sent.TraceId);
        foreach (var span in trace.Spans) scenario.Output.WriteLine($"  {span} kind {span.Kind}, parent {span.ParentSpanId}");
    });

    private async Task<TempoTrace> TraceUntilAsync(EmittedTrace sent, Func<TempoTrace, bool> complete)
    {
        var tempo = context.Tempo;
        var trace = await Eventually.UntilAsync(
            $"Tempo to return {sent}",
            $"GET {tempo.BaseUrl}api/traces/{sent.TraceId}",
            token => tempo.TraceAsync(sent.TraceId, cancellationToken: token),
            found => found is not null && complete(found),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            describe: found => found?.ToString() ?? "404: not found");
        SignalTimings.Record(scenario, $"trace by id ({state.TraceRoute})", state.TraceSent!.Elapsed);
        return trace!;
    }

    [Then("a TraceQL search for this run finds the trace")]
    public Task TraceQlSearch() => state.DiagnosedAsync(async () =>
    {
        var sent = state.RequireTrace();
        var tempo = context.Tempo;
        var traceql = $"{{ resource.{OtlpEmitter.RunIdAttribute} = \"{TestRun.Id}\" }}";
        // Search sees a trace later than lookup by id does (GUIDE.md: 15-20 s), so it gets a longer bound.
        await Eventually.UntilAsync(
            $"a TraceQL search to find {sent.TraceId}",
            $"GET {tempo.BaseUrl}api/search?q={traceql}",
            token => tempo.SearchAsync(traceql, DateTimeOffset.UtcNow.AddMinutes(-15), DateTimeOffset.UtcNow.AddMinutes(1), 50, token),
            found => found.Any(t => t.TraceId == sent.TraceId),
            new EventuallyOptions(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(2)),
            describe: found => found.Count == 0 ? "no traces" : string.Join("; ", found));
        SignalTimings.Record(scenario, "trace in TraceQL search", state.TraceSent!.Elapsed);
    });

    /// <summary>
    /// Tempo's span-metrics processor (grafana/tempo modules/generator/processor/spanmetrics) writes
    /// traces_spanmetrics_calls_total and the traces_spanmetrics_latency histogram per service,
    /// span name, kind and status, remote-written to Prometheus.
    /// </summary>
    [Then("Prometheus has span metrics of the trace's service from Tempo's metrics generator")]
    public Task SpanMetrics() => state.DiagnosedAsync(async () =>
    {
        var sent = state.RequireTrace();
        var wanted = new[] { "traces_spanmetrics_calls_total", "traces_spanmetrics_latency_bucket", "traces_spanmetrics_latency_count" };
        var query = $"count by (__name__) ({{__name__=~\"traces_spanmetrics_.+\", service=\"{sent.ServiceName}\"}})";
        var prometheus = context.Prometheus;
        var found = await Eventually.UntilAsync(
            $"span metrics of service {sent.ServiceName} in Prometheus ({string.Join(", ", wanted)})",
            $"GET {prometheus.BaseUrl}api/v1/query?query={query}",
            token => prometheus.QueryAsync(query, cancellationToken: token),
            samples => wanted.All(name => samples.Any(s => s.Labels.GetValueOrDefault("__name__") == name)),
            MetricsWait,
            describe: samples => samples.Count == 0 ? "no traces_spanmetrics_* series of that service" : string.Join("; ", samples));
        SignalTimings.Record(scenario, "span metrics in Prometheus", state.TraceSent!.Elapsed);
        scenario.Output.WriteLine($"span metrics: {string.Join(", ", found.Select(s => s.Labels.GetValueOrDefault("__name__")))}");
        var calls = await prometheus.QueryAsync($"sum(traces_spanmetrics_calls_total{{service=\"{sent.ServiceName}\"}})");
        calls.Should().ContainSingle().Which.Value.Should().BeGreaterThanOrEqualTo(2, "the service's server and client spans are each one call");
    });

    /// <summary>
    /// Tempo's service-graphs processor pairs a client span with the server span whose parent it is,
    /// across services (modules/generator/processor/servicegraphs), into
    /// traces_service_graph_request_total{client, server}.
    /// </summary>
    [Then("Prometheus has the service graph edge from the trace's client span to its server span")]
    public Task ServiceGraphEdge() => state.DiagnosedAsync(async () =>
    {
        var sent = state.RequireTrace();
        var query = $"traces_service_graph_request_total{{client=\"{sent.ServiceName}\", server=\"{sent.BackendServiceName}\"}}";
        var prometheus = context.Prometheus;
        await Eventually.UntilAsync(
            $"the service graph edge {sent.ServiceName} -> {sent.BackendServiceName} in Prometheus",
            $"GET {prometheus.BaseUrl}api/v1/query?query={query}",
            token => prometheus.QueryAsync(query, cancellationToken: token),
            samples => samples.Sum(s => s.Value) >= 1,
            MetricsWait,
            describe: samples => samples.Count == 0 ? "no series" : string.Join("; ", samples));
        SignalTimings.Record(scenario, "service graph edge in Prometheus", state.TraceSent!.Elapsed);
    });
}
