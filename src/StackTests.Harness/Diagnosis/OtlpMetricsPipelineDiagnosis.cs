namespace StackTests.Harness.Diagnosis;

/// <summary>
/// OTLP metrics through the Collector to Prometheus: the Collector's receivers and exporters, then
/// its prometheus exporter's own page (does it serve the run's series?), which Prometheus scrapes.
/// </summary>
/// <param name="series">the series the scenario looks for in Prometheus, e.g. stacktests_probe_total</param>
/// <param name="runLabel">a label and value every series of the run carries, e.g. (run_id, the run id)</param>
public sealed class OtlpMetricsPipelineDiagnosis(IStackAccess? stack, CounterSnapshot before, string series, (string Name, string Value) runLabel)
    : PipelineDiagnosis(stack, before)
{
    /// <summary>The Collector's prometheus exporter (compose's "exporter" port), which Prometheus scrapes.</summary>
    public static readonly CounterSource ExporterPage = new(ComponentHops.Collector, "exporter", Name: "otel-collector prometheus exporter");

    private static readonly CounterSource[] Pages = [ComponentHops.CollectorMetrics, ExporterPage];

    protected override IReadOnlyList<CounterSource> Sources => Pages;

    public static async Task<OtlpMetricsPipelineDiagnosis> NoteAsync(IStackAccess stack, string series, (string Name, string Value) runLabel,
        CancellationToken cancellationToken = default) =>
        new(stack, await CounterSnapshot.ReadAsync(stack, Pages, cancellationToken), series, runLabel);

    public override PipelineVerdict Explain(CounterSnapshot before, CounterSnapshot after)
    {
        var collector = ComponentHops.CollectorOf(before, after, "metric_points");
        var hops = ComponentHops.CollectorHops(collector, "metric_points").ToList();
        var served = after.Page(ExporterPage.Key) is { } page
            ? page.Samples.Count(s => s.Name == series && s.Labels.GetValueOrDefault(runLabel.Name) == runLabel.Value)
            : (int?)null;
        hops.Add(new HopCount(ComponentHops.Collector, $"prometheus exporter serves series {series}{{{runLabel.Name}=\"{runLabel.Value}\"}}",
            served, "its /metrics page (compose's exporter port)", after.Unreadable(ExporterPage.Key)));
        var verdict = ComponentHops.CollectorVerdict(collector, "metric_points", "nothing reached the exporter Prometheus scrapes")
            ?? (served is null
                ? $"the Collector passed {N(collector.Sent)} metric points to its exporters; its prometheus exporter's page could not be read ({after.Unreadable(ExporterPage.Key)})"
                : served == 0
                    ? $"the Collector passed {N(collector.Sent)} metric points to its exporters, and its prometheus exporter serves no {series} with {runLabel.Name}=\"{runLabel.Value}\": " +
                      "the name or labels differ from what the scenario expects (resource_to_telemetry_conversion, a unit suffix)"
                    : $"the Collector's prometheus exporter serves {series}{{{runLabel.Name}=\"{runLabel.Value}\"}}: the stop is Prometheus' scrape of it " +
                      "(its job for the exporter port: target down, or not scraped yet)");
        return new PipelineVerdict("metrics (OTLP -> Collector -> Prometheus)", hops, verdict);
    }
}
