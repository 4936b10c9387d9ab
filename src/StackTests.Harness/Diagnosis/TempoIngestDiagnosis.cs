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
        var text = ComponentHops.Describe("Tempo", tempo, "spans", ComponentHops.TempoReceived, queriedTenant);
        var hops = new List<HopCount>
        {
            new(ComponentHops.Tempo, "distributor received spans", tempo.Received, ComponentHops.TempoReceived, tempo.Unreadable),
            new(ComponentHops.Tempo, "OTLP receiver refused spans", tempo.Refused, ComponentHops.TempoRefused, tempo.Unreadable),
        };
        var verdict = tempo.Unreadable is not null ? $"{text}: Tempo is down, or not at the address the suite uses"
            : tempo.Received is 0 ? $"{text}: the spans never reached this Tempo (a send to another address or port, or refused before its distributor)"
            : queriedTenant is not null && tempo.ByTenant.Count > 0 && !tempo.ByTenant.ContainsKey(queriedTenant)
                ? $"{text}: the spans are stored under another tenant than the one queried"
            : $"{text}: Tempo took the spans, so what failed is its query side (lookup by id, search, the metrics generator) or what the step checked";
        return new PipelineVerdict("traces (OTLP -> Tempo)", hops, verdict);
    }
}
