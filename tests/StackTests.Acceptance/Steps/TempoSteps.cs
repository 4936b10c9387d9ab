
namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class TempoSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    [Then("Tempo returns the trace by its id")]
    public async Task TraceById()
    {
        var sent = state.RequireTrace();
        var tempo = context.Tempo;
        var trace = await Eventually.UntilAsync(
            $"Tempo to return {sent}",
            $"GET {tempo.BaseUrl}api/traces/{sent.TraceId}",
            token => tempo.TraceAsync(sent.TraceId, cancellationToken: token),
            found => found is not null && found.Spans.Any(s => s.SpanId == sent.RootSpanId),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            describe: found => found?.ToString() ?? "404: not found");
        SignalTimings.Record(scenario, "trace by id (OTLP -> Collector -> Tempo)", state.TraceSent!.Elapsed);
        trace!.Spans.Select(s => s.SpanId).Should().Contain([sent.RootSpanId, sent.ChildSpanId]);
        trace.ServiceNames.Should().Contain(sent.ServiceName);
    }

    [Then("a TraceQL search for this run finds the trace")]
    public async Task TraceQlSearch()
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
    }
}
