using System.Globalization;
using System.Text.RegularExpressions;

namespace StackTests.Harness.Clients;

/// <summary>One sample line of a /metrics page. Timestamp as written (ms in Prometheus text, s in OpenMetrics).</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value, double? Timestamp = null)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>A metric family: its metadata and every sample that belongs to it (incl. _bucket/_sum/_count).</summary>
public sealed record MetricFamily(string Name, string Type, string Help, string Unit, IReadOnlyList<MetricSample> Samples);

/// <summary>A condition on one label: equality, or a regular expression matching the whole value.</summary>
public sealed record LabelMatcher(string Name, string Pattern, bool IsRegex)
{
    public static LabelMatcher Equal(string name, string value) => new(name, value, false);
    public static LabelMatcher Regex(string name, string pattern) => new(name, pattern, true);

    // A missing label counts as the empty value, as in PromQL.
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var value = labels.GetValueOrDefault(Name, "");
        return IsRegex ? System.Text.RegularExpressions.Regex.IsMatch(value, $"^(?:{Pattern})$") : value == Pattern;
    }

    public override string ToString() => $"{Name}{(IsRegex ? "=~" : "=")}\"{Pattern}\"";
}

/// <summary>
/// Everything one scrape of a /metrics page returned, with the lookups a wait needs
/// (like grafana/e2e's WaitSumMetrics: the sum of a metric's samples that match label conditions).
/// </summary>
public sealed class MetricSet(IReadOnlyList<MetricFamily> families)
{
    public IReadOnlyList<MetricFamily> Families { get; } = families;

    public IEnumerable<MetricSample> Samples => Families.SelectMany(f => f.Samples);

    public MetricFamily? Family(string name) => Families.FirstOrDefault(f => f.Name == name);

    /// <summary>The samples with exactly this sample name (e.g. "http_requests_total") matching every matcher.</summary>
    public IReadOnlyList<MetricSample> Find(string sampleName, params LabelMatcher[] matchers) =>
        Samples.Where(s => s.Name == sampleName && matchers.All(m => m.Matches(s.Labels))).ToList();

    public bool Has(string sampleName, params LabelMatcher[] matchers) => Find(sampleName, matchers).Count > 0;

    /// <summary>The sum of the matching samples' values; 0 when none match.</summary>
    public double Sum(string sampleName, params LabelMatcher[] matchers) => Find(sampleName, matchers).Sum(s => s.Value);

    public override string ToString() => $"{Families.Count} metric families, {Samples.Count()} samples";
}
