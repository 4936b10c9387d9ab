using System.Diagnostics;

namespace StackTests.Acceptance.Steps;

/// <summary>Signals an instrumented application sends to the Collector over OTLP.</summary>
[Binding]
public sealed class OtlpSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private const string ServiceName = "stacktests";
    private const string CounterName = "stacktests.probe";

    // The Collector's prometheus exporter turns "stacktests.probe" into stacktests_probe_total.
    private const string PrometheusCounter = "stacktests_probe_total";
    private Stopwatch? _counterSent;

    private OtlpEmitter Emitter => new(context.Endpoint("otel-collector", "otlp-http"), OtlpTransport.HttpProtobuf, ServiceName);

    [When("a span is sent to the Collector over OTLP")]
    public async Task SendSpan()
    {
        await state.NoteCountersAsync(() => TracePipelineDiagnosis.NoteAsync(context.Stack));
        state.TraceSent = Stopwatch.StartNew();
        state.Trace = await Emitter.SendTraceAsync($"checkout {TestRun.Id}");
        scenario.Output.WriteLine($"sent {state.Trace}");
    }

    [When("a failing span is sent to the Collector over OTLP")]
    public async Task SendFailingSpan()
    {
        var sent = await Emitter.SendTraceAsync($"checkout {TestRun.Id} failed", failed: true);
        scenario.Output.WriteLine($"sent {sent} with error status");
    }

    [When("a counter is sent to the Collector over OTLP")]
    public async Task SendCounter()
    {
        await state.NoteCountersAsync(() => OtlpMetricsPipelineDiagnosis.NoteAsync(context.Stack, PrometheusCounter, (TestRun.IdLabel, TestRun.Id)));
        _counterSent = Stopwatch.StartNew();
        await Emitter.SendCounterAsync(CounterName, 1);
    }

    [When("a log record is sent to the Collector over OTLP")]
    public async Task SendLogRecord()
    {
        await state.NoteCountersAsync(() => CollectorLogPipelineDiagnosis.NoteAsync(context.Stack));
        await Emitter.SendLogAsync($"stacktests log record {TestRun.Id}");
        scenario.Output.WriteLine("sent a log record");
    }

    [Then("Prometheus has that counter for this run")]
    public async Task PrometheusHasTheCounter()
    {
        var query = $"{PrometheusCounter}{{{TestRun.IdLabel}=\"{TestRun.Id}\"}}";
        await state.DiagnosedAsync(() => context.QueryPrometheusUntilAsync(query, "to be 1", samples => samples.Any(s => s.Value >= 1), TimeSpan.FromSeconds(90)));
        SignalTimings.Record(scenario, "metric (OTLP -> Collector -> Prometheus)", _counterSent!.Elapsed);
    }
}
