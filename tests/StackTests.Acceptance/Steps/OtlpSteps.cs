using System.Diagnostics;

namespace StackTests.Acceptance.Steps;

/// <summary>Signals an instrumented application sends to the Collector over OTLP.</summary>
[Binding]
public sealed class OtlpSteps(ScenarioContext scenario, StackContext context, ScenarioState state, TempoSteps tempo)
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
        await state.NoteCountersAsync(() => OtlpMetricsPipelineDiagnosis.NoteAsync(context.Stack, PrometheusCounter, (OtlpEmitter.RunIdMetricLabel, TestRun.Id)));
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

    // The Collector creates an exporter's otelcol_exporter_sent_* series only after its first export of
    // that signal: a dashboard over them shows nothing of its own until each signal went through once.
    [When("where the Collector runs, a span, a log record and a counter are sent to it over OTLP")]
    public async Task SendEachSignalWhereTheCollectorRuns()
    {
        if (!context.Stack.RunningServices.Contains("otel-collector"))
        {
            scenario.Output.WriteLine("not sent: otel-collector does not run in this stack");
            // Tempo's own panels (span metrics, service graph, its distributor's counts) need spans all the same.
            if (context.Stack.RunningServices.Contains("tempo")) await tempo.SendTraceToTempo();
            return;
        }
        await SendSpan();
        await SendLogRecord();
        await SendCounter();
    }

    [Then("Prometheus has that counter for this run")]
    public async Task PrometheusHasTheCounter()
    {
        var query = $"{PrometheusCounter}{{{OtlpEmitter.RunIdMetricLabel}=\"{TestRun.Id}\"}}";
        await state.DiagnosedAsync(() => context.QueryPrometheusUntilAsync(query, "to be 1", samples => samples.Any(s => s.Value >= 1), TimeSpan.FromSeconds(90)));
        SignalTimings.Record(scenario, "metric (OTLP -> Collector -> Prometheus)", _counterSent!.Elapsed);
    }
}
