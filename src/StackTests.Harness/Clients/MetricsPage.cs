using System.Globalization;
using System.Text;

namespace StackTests.Harness.Clients;

/// <summary>One sample of a /metrics page: name, labels, value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public override string ToString() =>
        $"{Name}{{{string.Join(",", Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// A component's own /metrics page in the Prometheus text format
/// (https://prometheus.io/docs/instrumenting/exposition_formats/; OpenMetrics text satisfies it for
/// counters), read straight from the component rather than through Prometheus: what a failure
/// diagnosis compares before and after a signal, even when Prometheus cannot scrape it. Comments and
/// lines it cannot read are left out: the page is evidence for a diagnosis, not input to validate.
/// </summary>
public sealed class MetricsPage(IReadOnlyList<MetricSample> samples)
{
    public IReadOnlyList<MetricSample> Samples { get; } = samples;

    /// <summary>A page with no sample: what a component that could not be read counts as.</summary>
    public static MetricsPage Empty { get; } = new([]);

    /// <summary>The names of every series the page holds, in page order, each once.</summary>
    public IEnumerable<string> Names => Samples.Select(s => s.Name).Distinct();

    /// <summary>
    /// The samples of a counter, under its name with or without "_total": the Collector's internal
    /// telemetry is served by the OpenTelemetry Prometheus exporter, which adds the suffix
    /// (otelcol_exporter_sent_spans_total), while its metadata.yaml names it without.
    /// </summary>
    public IEnumerable<MetricSample> Counter(string name) =>
        Samples.Where(s => s.Name == name || s.Name == name + "_total" || (name.EndsWith("_total", StringComparison.Ordinal) && s.Name == name[..^6]));

    /// <summary>Whether the page has at least one series of the metric (or counter).</summary>
    public bool Has(string name) => Counter(name).Any();

    /// <summary>The series of a metric (exact name) whose labels hold every given label value.</summary>
    public IEnumerable<Sample> Series(string name, IReadOnlyDictionary<string, string>? labels = null) =>
        Samples.Where(s => s.Name == name && (labels ?? new Dictionary<string, string>()).All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value))
            .Select(s => new Sample(s.Labels, s.Value));

    /// <summary>The sum of a metric's series whose labels hold every given label value; 0 when there is none.</summary>
    public double Sum(string name, IReadOnlyDictionary<string, string> labels) => Series(name, labels).Sum(s => s.Value);

    /// <summary>The sum of a counter's series that satisfy the filter (all when null); 0 when none (a counter not yet incremented may have no series).</summary>
    public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
        Counter(name).Where(s => where is null || where(s.Labels)).Sum(s => s.Value);

    /// <summary>The sums of a counter per value of one label (series without it under "").</summary>
    public IReadOnlyDictionary<string, double> SumBy(string name, string label) =>
        Counter(name).GroupBy(s => s.Labels.GetValueOrDefault(label, "")).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));

    /// <summary>GET {baseUrl}/metrics of a component.</summary>
    public static async Task<MetricsPage> ReadAsync(string component, Uri baseUrl, CancellationToken cancellationToken = default)
    {
        var http = ApiCall.Client(baseUrl, TimeSpan.FromSeconds(10));
        return Parse(await ApiCall.GetStringAsync(component, http.Request("metrics"), cancellationToken));
    }

    public static MetricsPage Parse(string text)
    {
        var samples = new List<MetricSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (ParseLine(line) is { } sample) samples.Add(sample);
        }
        return new MetricsPage(samples);
    }

    // name{label="value",...} value [timestamp]
    private static MetricSample? ParseLine(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] != '{' && !char.IsWhiteSpace(line[i])) i++;
        var name = line[..i];
        if (name.Length == 0) return null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                while (i < line.Length && (line[i] == ',' || line[i] == ' ')) i++;
                if (i >= line.Length) return null;
                if (line[i] == '}') { i++; break; }
                var eq = line.IndexOf('=', i);
                if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"') return null;
                var key = line[i..eq].Trim();
                i = eq + 2;
                var value = new StringBuilder();
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        value.Append(line[i] switch { 'n' => '\n', var c => c });
                    }
                    else value.Append(line[i]);
                    i++;
                }
                if (i >= line.Length) return null;
                i++;
                labels[key] = value.ToString();
            }
        }
        var rest = line[i..].Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length == 0) return null;
        var number = rest[0] switch { "+Inf" => "Infinity", "-Inf" => "-Infinity", var n => n };
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? new MetricSample(name, labels, v) : null;
    }
}
