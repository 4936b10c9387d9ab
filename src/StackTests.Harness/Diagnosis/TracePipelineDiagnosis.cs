namespace StackTests.Harness.Diagnosis;

/// <summary>Traces through the Collector to Tempo: the Collector's receivers and exporters, then Tempo's distributor.</summary>
public sealed class TracePipelineDiagnosis(IStackAccess? stack, CounterSnapshot before) : PipelineDiagnosis(stack, before)
{
    private static readonly CounterSource[] Pages = [ComponentHops.CollectorMetrics, ComponentHops.TempoMetrics];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<TracePipelineDiagnosis> NoteAsync(IStackAccess stack, CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken));

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var collector = ComponentHops.CollectorOf(before, after, "spans");
        var tempo = ComponentHops.TempoOf(before, after);
        var hops = ComponentHops.CollectorHops(collector, "spans")
            .Append(new HopCount(ComponentHops.Tempo, "distributor received spans", tempo.Received, ComponentHops.TempoReceived, tempo.Unreadable))
            .ToList();
        var verdict = ComponentHops.CollectorThenBackendVerdict(collector, "spans", "Tempo", tempo, "spans", ComponentHops.TempoReceived);
        return new PipelineVerdict("traces (OTLP -> Collector -> Tempo)", hops, verdict);
    }
}
