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
        var text = ComponentHops.Describe("Loki", loki, "lines", ComponentHops.LokiReceived, queriedTenant);
        var hops = new List<HopCount> { new(ComponentHops.Loki, "distributor received lines", loki.Received, ComponentHops.LokiReceived, loki.Unreadable) };
        var verdict = loki.Unreadable is not null ? $"{text}: Loki is down, or not at the address the suite uses"
            : loki.Received is 0 ? $"{text}: the lines never reached this Loki (a push to another address or port, or refused before its distributor)"
            : queriedTenant is not null && loki.ByTenant.Count > 0 && !loki.ByTenant.ContainsKey(queriedTenant)
                ? $"{text}: the lines are stored under another tenant than the one queried"
            : $"{text}: Loki took the lines, so what failed is its query side or what the step checked";
        return new PipelineVerdict("log lines (push -> Loki)", hops, verdict);
    }
}
