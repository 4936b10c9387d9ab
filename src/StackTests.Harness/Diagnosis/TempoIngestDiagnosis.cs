namespace StackTests.Harness.Diagnosis;

/// <summary>Traces sent to Tempo directly over OTLP: Tempo's receiver and distributor, per tenant.</summary>
public sealed class TempoIngestDiagnosis(IStackAccess? stack, CounterSnapshot before, string? queriedTenant = null) : PipelineDiagnosis(stack, before)
{
    private static readonly CounterSource[] Pages = [ComponentHops.TempoMetrics];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<TempoIngestDiagnosis> NoteAsync(IStackAccess stack, string? queriedTenant = null, CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken), queriedTenant);

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var tempo = ComponentHops.TempoOf(before, after);
        var hops = new List<HopCount>
        {
            new(ComponentHops.Tempo, "distributor received spans", tempo.Received, ComponentHops.TempoReceived, tempo.Unreadable),
            new(ComponentHops.Tempo, "OTLP receiver refused spans", tempo.Refused, ComponentHops.TempoRefused, tempo.Unreadable),
        };
        var verdict = ComponentHops.IngestVerdict("Tempo", tempo, "spans", ComponentHops.TempoReceived, queriedTenant);
        return new PipelineVerdict("traces (OTLP -> Tempo)", hops, verdict);
    }
}
