using StackTests.Models.Documents;
using YamlDotNet.RepresentationModel;

namespace StackTests.Models.Prometheus;

/// <summary>One target of a scrape job's static_configs in prometheus.yml, as written, with where it is.</summary>
public sealed record StaticScrapeTarget(string Job, string Target, int Line, int Column)
{
    public Endpoint? Endpoint => Endpoint.TryParse(Target);

    /// <summary>The compose service the target is (its host; Prometheus scraping itself may say localhost); null when not host:port.</summary>
    public string? Service => Endpoint is { } e ? e.Host is "localhost" or "127.0.0.1" ? "prometheus" : e.Host : null;
}

/// <summary>The scrape jobs of a prometheus.yml.</summary>
public static class ScrapeConfig
{
    /// <summary>Every static target of every scrape job, in file order.</summary>
    public static IReadOnlyList<StaticScrapeTarget> StaticTargets(YamlMappingNode root) =>
        (from job in root.Seq("scrape_configs").OfType<YamlMappingNode>()
         from staticConfig in job.Seq("static_configs").OfType<YamlMappingNode>()
         from target in staticConfig.Seq("targets").OfType<YamlScalarNode>()
         select new StaticScrapeTarget(job.Str("job_name") ?? "?", target.Value ?? "", target.Line(), target.Column())).ToList();

    /// <summary>The static targets of the prometheus.yml text; YamlDotNet's error when it does not parse.</summary>
    public static IReadOnlyList<StaticScrapeTarget> StaticTargets(string text) => StaticTargets(YamlDoc.Parse(text));
}
