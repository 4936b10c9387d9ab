namespace StackTests.Harness.Diagnosis;

/// <summary>OTLP log records through the Collector to Loki's OTLP endpoint: the Collector's receivers and exporters, then Loki's distributor.</summary>
public sealed class CollectorLogPipelineDiagnosis(IStackAccess? stack, CounterSnapshot before) : PipelineDiagnosis(stack, before)
{
    private static readonly CounterSource[] Pages = [ComponentHops.CollectorMetrics, ComponentHops.LokiMetrics];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<CollectorLogPipelineDiagnosis> NoteAsync(IStackAccess stack, CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken));

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var collector = ComponentHops.CollectorOf(before, after, "log_records");
        var loki = ComponentHops.LokiOf(before, after);
        var hops = ComponentHops.CollectorHops(collector, "log_records")
            .Append(new HopCount(ComponentHops.Loki, "distributor received lines", loki.Received, ComponentHops.LokiReceived, loki.Unreadable))
            .ToList();
        var verdict = ComponentHops.CollectorThenBackendVerdict(collector, "log_records", "Loki", loki, "lines", ComponentHops.LokiReceived);
        return new PipelineVerdict("log records (OTLP -> Collector -> Loki)", hops, verdict);
    }
}
