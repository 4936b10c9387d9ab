namespace StackTests.Harness.Diagnosis;

/// <summary>Container logs through Alloy to Loki: Alloy's loki.write sent, dropped and retried entries, then Loki's distributor.</summary>
public sealed class ContainerLogPipelineDiagnosis(IStackAccess? stack, CounterSnapshot before) : PipelineDiagnosis(stack, before)
{
    private static readonly CounterSource[] Pages = [ComponentHops.AlloyMetrics, ComponentHops.LokiMetrics];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<ContainerLogPipelineDiagnosis> NoteAsync(IStackAccess stack, CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken));

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var sent = Hop(before, after, ComponentHops.Alloy, "loki.write sent entries", ComponentHops.AlloySent);
        var dropped = Hop(before, after, ComponentHops.Alloy, "loki.write dropped entries", ComponentHops.AlloyDropped);
        var retries = Hop(before, after, ComponentHops.Alloy, "loki.write retried batches", ComponentHops.AlloyRetries);
        var reasons = ComponentHops.LabelValues(before, after, ComponentHops.Alloy, "reason", ComponentHops.AlloyDropped)
            .Select(r => (Reason: r, Count: Delta(before, after, ComponentHops.Alloy, ComponentHops.AlloyDropped, l => l.GetValueOrDefault("reason") == r) ?? 0))
            .Where(r => r.Count > 0).ToList();
        var loki = ComponentHops.LokiOf(before, after);
        var lokiText = ComponentHops.Describe("Loki", loki, "lines", ComponentHops.LokiReceived);
        var hops = new List<HopCount>
        {
            sent, dropped, retries,
            new(ComponentHops.Loki, "distributor received lines", loki.Received, ComponentHops.LokiReceived, loki.Unreadable),
        };
        string verdict;
        if (sent.Unreadable is { } why) verdict = $"Alloy's own metrics could not be read ({why})";
        else if (dropped.Count > 0)
            verdict = $"Alloy dropped {N(dropped.Count)} entries ({ComponentHops.AlloyDropped}" +
                      (reasons.Count > 0 ? $", reason {string.Join(", ", reasons.Select(r => $"{r.Reason} {N(r.Count)}"))}" : "") +
                      $") after Loki refused them or its retries ran out; {lokiText}";
        else if (sent.Count is 0)
            verdict = retries.Count > 0
                ? $"Alloy sent no entry and retried {N(retries.Count)} batches ({ComponentHops.AlloyRetries}): Loki did not accept them; {lokiText}"
                : $"Alloy sent no entry ({ComponentHops.AlloySent} unchanged): it did not pick up the container's lines (discovery or tailing: loki.source.docker)";
        else if (loki.Unreadable is not null) verdict = $"Alloy sent {N(sent.Count)} entries; {lokiText}: Loki is down or not where Alloy sends";
        else if (loki.Received is 0) verdict = $"Alloy sent {N(sent.Count)} entries and {lokiText}: they went to another endpoint than this Loki";
        else verdict = $"Alloy sent {N(sent.Count)} entries and {lokiText}: the lines reached Loki, so what failed is the query (the labels Alloy gave them) or what the step checked";
        return new PipelineVerdict("container logs (Docker -> Alloy -> Loki)", hops, verdict);
    }
}
