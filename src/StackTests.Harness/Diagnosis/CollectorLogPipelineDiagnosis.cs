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
        var lokiText = ComponentHops.Describe("Loki", loki, "lines", ComponentHops.LokiReceived);
        var hops = ComponentHops.CollectorHops(collector, "log_records")
            .Append(new HopCount(ComponentHops.Loki, "distributor received lines", loki.Received, ComponentHops.LokiReceived, loki.Unreadable))
            .ToList();
        var verdict = ComponentHops.CollectorVerdict(collector, "log_records", lokiText)
            ?? (loki.Unreadable is not null
                ? $"the Collector sent {N(collector.Sent)} log records; {lokiText}: Loki is down or not where the Collector sends"
                : loki.Received is 0
                    ? $"the Collector sent {N(collector.Sent)} log records and {lokiText}: they went to another endpoint than this Loki"
                    : $"the Collector sent {N(collector.Sent)} log records and {lokiText}: the records reached Loki, so what failed is the query " +
                      "(labels Loki gave the OTLP records) or what the step checked");
        return new PipelineVerdict("log records (OTLP -> Collector -> Loki)", hops, verdict);
    }
}
