using StackTests.Lint.Compose;
using StackTests.Lint.Prometheus;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;
using StackTests.Models.Iot;
using StackTests.Models.Metrics;
using StackTests.Models.Prometheus;

namespace StackTests.Lint.Metrics;

/// <summary>How a metric name comes to be in Prometheus, if it does.</summary>
public enum MetricOrigin { Produced, Pushed, Unscraped, Unknown }

/// <summary>
/// The metric names a stack's Prometheus holds: what its scrape jobs' targets expose (by the
/// component each target is, MetricProducers), Prometheus' own series of scrapes and alerts, its
/// recording rules' outputs, mqtt2prometheus' configured metrics, and Tempo's metrics generator
/// when it remote-writes. Outside a stack every known component counts.
/// </summary>
public sealed class StackMetrics
{
    private readonly List<MetricProducer> _producers = [];

    private StackMetrics(bool isStack) => IsStack = isStack;

    /// <summary>Whether the producers come from a stack's scrape jobs (else: every known component).</summary>
    public bool IsStack { get; }

    /// <summary>Whether a scrape job discovers targets at run time (file_sd, docker_sd, ...), so what is scraped is not all known.</summary>
    public bool DiscoversTargets { get; private set; }

    /// <summary>The components the stack's scrape jobs reach, for messages.</summary>
    public IReadOnlyList<string> Scraped => _producers.Select(p => p.Component).Distinct().ToList();

    /// <summary>A file linted without a stack: any component could produce it.</summary>
    public static StackMetrics Anywhere()
    {
        var metrics = new StackMetrics(isStack: false);
        metrics._producers.AddRange([.. MetricProducers.Table, MetricProducers.Scrape, MetricProducers.Alerts, MetricProducers.TempoGenerator]);
        return metrics;
    }

    /// <summary>The stack's producers; every known component when the stack has no prometheus.yml to say what is scraped.</summary>
    public static StackMetrics ForStack(ComposeStack stack, IReadOnlyList<(string Path, string Text, FileKind Kind)> files)
    {
        YamlMappingNode? Root(FileKind kind) =>
            files.Where(f => f.Kind == kind).Select(f => TryParse(f.Text)).FirstOrDefault(r => r is not null);
        if (Root(FileKind.PrometheusConfig) is not { } prometheus) return Anywhere();

        var metrics = new StackMetrics(isStack: true);
        var jobs = prometheus.Seq("scrape_configs").OfType<YamlMappingNode>().ToList();
        metrics.DiscoversTargets = jobs.Any(j => j.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value?.EndsWith("_sd_configs", StringComparison.Ordinal) == true));
        if (jobs.Count > 0) metrics._producers.Add(MetricProducers.Scrape);

        foreach (var service in ScrapeConfig.StaticTargets(prometheus).Select(t => t.Service).OfType<string>().Distinct().Where(stack.HasService))
        {
            var producers = MetricProducers.Of(service, stack.File.Service(service).Image).ToList();
            metrics._producers.AddRange(producers);
            if (producers.Any(p => p.Component == "mqtt-exporter") && Root(FileKind.MqttExporterConfig) is { } mqtt)
                metrics._producers.Add(MqttExporterConfig.FromYaml(mqtt, "mqtt2prometheus config").Producer);
            if (producers.Any(p => p.Component == "otel-collector") && Root(FileKind.CollectorConfig) is { } collector && SpanMetrics(collector) is { } spans)
                metrics._producers.Add(spans);
        }

        var rules = files.Where(f => f.Kind == FileKind.PrometheusRules).Select(f => TryParse(f.Text)).OfType<YamlMappingNode>()
            .SelectMany(r => r.Seq("groups").OfType<YamlMappingNode>()).SelectMany(g => g.Seq("rules").OfType<YamlMappingNode>()).ToList();
        var recorded = rules.Select(r => r.Str("record")).OfType<string>().ToArray();
        if (recorded.Length > 0) metrics._producers.Add(new MetricProducer("recording rules", [], [], recorded, false, "record:"));
        if (rules.Any(r => r.Str("alert") is not null)) metrics._producers.Add(MetricProducers.Alerts);

        if (Root(FileKind.TempoConfig)?.At("metrics_generator", "storage", "remote_write") is YamlSequenceNode { Children.Count: > 0 })
            metrics._producers.Add(MetricProducers.TempoGenerator);
        return metrics;
    }

    /// <summary>
    /// Where the name comes from, and the producer that makes it (null when none does). The owners
    /// of a name are the producers that claim it most closely: loki_write_* is Alloy's, not Loki's.
    /// </summary>
    public (MetricOrigin Origin, MetricProducer? Producer) Classify(string metric)
    {
        var known = _producers.Concat(MetricProducers.Table).Append(MetricProducers.TempoGenerator).ToList();
        var closest = known.Max(p => p.Claim(metric));
        if (closest == 0) return (MetricOrigin.Unknown, null);
        var owners = _producers.Where(p => p.Claim(metric) == closest).ToList();
        if (owners.FirstOrDefault(p => !p.Pushed) is { } produced) return (MetricOrigin.Produced, produced);
        if (owners.FirstOrDefault() is { } pushed) return (MetricOrigin.Pushed, pushed);
        return (MetricOrigin.Unscraped, known.First(p => p.Claim(metric) == closest));
    }

    /// <summary>
    /// The Collector's spanmetrics connector, exported for Prometheus: its namespace (default
    /// traces.span.metrics, connector/spanmetricsconnector/factory.go) with dots as underscores.
    /// </summary>
    private static MetricProducer? SpanMetrics(YamlMappingNode collector)
    {
        if (collector.Map("connectors") is not { } connectors) return null;
        var spanmetrics = connectors.Children.Where(c => ((YamlScalarNode)c.Key).Value?.Split('/')[0] == "spanmetrics").ToList();
        if (spanmetrics.Count == 0) return null;
        var prefixes = spanmetrics.Select(c => ((c.Value as YamlMappingNode)?.Str("namespace") ?? "traces.span.metrics").Replace('.', '_') + "_").ToArray();
        return new MetricProducer("otel-collector spanmetrics", [], prefixes, [], false, "connector/spanmetricsconnector");
    }

    private static YamlMappingNode? TryParse(string text)
    {
        try { return YamlDoc.Parse(text); }
        catch (YamlSyntaxException) { return null; }
    }
}
