namespace StackTests.Harness.Diagnosis;

/// <summary>Log lines pushed to Loki directly: Loki's distributor, per tenant, and what it discarded.</summary>
public sealed class LokiIngestDiagnosis(IStackAccess? stack, CounterSnapshot before, string? queriedTenant = null) : PipelineDiagnosis(stack, before)
{
    private static readonly CounterSource[] Pages = [ComponentHops.LokiMetrics];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<LokiIngestDiagnosis> NoteAsync(IStackAccess stack, string? queriedTenant = null, CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken), queriedTenant);

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var loki = ComponentHops.LokiOf(before, after);
        var hops = new List<HopCount> { new(ComponentHops.Loki, "distributor received lines", loki.Received, ComponentHops.LokiReceived, loki.Unreadable) };
        var verdict = ComponentHops.IngestVerdict("Loki", loki, "lines", ComponentHops.LokiReceived, queriedTenant);
        return new PipelineVerdict("log lines (push -> Loki)", hops, verdict);
    }
}
