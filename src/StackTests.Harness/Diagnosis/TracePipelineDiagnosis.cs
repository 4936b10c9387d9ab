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
        var tempoText = ComponentHops.Describe("Tempo", tempo, "spans", ComponentHops.TempoReceived);
        var hops = ComponentHops.CollectorHops(collector, "spans")
            .Append(new HopCount(ComponentHops.Tempo, "distributor received spans", tempo.Received, ComponentHops.TempoReceived, tempo.Unreadable))
            .ToList();
        var verdict = ComponentHops.CollectorVerdict(collector, "spans", tempoText)
            ?? (tempo.Unreadable is not null
                ? $"the Collector sent {N(collector.Sent)} spans; {tempoText}: Tempo is down or not where the Collector sends"
                : tempo.Received is 0
                    ? $"the Collector sent {N(collector.Sent)} spans ({string.Join(", ", collector.Exporters.Where(e => e.Sent > 0).Select(e => e.Exporter))}) " +
                      $"and {tempoText}: they went to another endpoint than this Tempo"
                    : $"the Collector sent {N(collector.Sent)} spans and {tempoText}: the spans reached Tempo, so what failed is Tempo's " +
                      "query side (lookup by id, search) or what the step checked");
        return new PipelineVerdict("traces (OTLP -> Collector -> Tempo)", hops, verdict);
    }
}
