using System.Globalization;
using System.Text;

namespace StackTests.Harness.Clients;

/// <summary>
/// A component's own /metrics page in the Prometheus text format
/// (https://prometheus.io/docs/instrumenting/exposition_formats/), read straight from the component
/// rather than through Prometheus: what a failure diagnosis compares before and after a signal, even
/// when Prometheus cannot scrape it.
/// </summary>
public sealed class MetricsPage
{
    private readonly IReadOnlyList<(string Name, Sample Sample)> _samples;

    private MetricsPage(IReadOnlyList<(string Name, Sample Sample)> samples) => _samples = samples;

    /// <summary>A page with no sample: what a component that could not be read counts as.</summary>
    public static MetricsPage Empty { get; } = new([]);

    /// <summary>The names of every series the page holds, in page order, each once.</summary>
    public IEnumerable<string> Names => _samples.Select(s => s.Name).Distinct();

    /// <summary>Whether the page has at least one series of the metric.</summary>
    public bool Has(string name) => _samples.Any(s => s.Name == name);

    /// <summary>The series of a metric whose labels hold every given label value.</summary>
    public IEnumerable<Sample> Series(string name, IReadOnlyDictionary<string, string>? labels = null) =>
        _samples.Where(s => s.Name == name && (labels ?? new Dictionary<string, string>()).All(l => s.Sample.Labels.GetValueOrDefault(l.Key) == l.Value))
            .Select(s => s.Sample);

    /// <summary>The sum of a metric's matching series; 0 when there is none (a counter not yet incremented may have no series).</summary>
    public double Sum(string name, IReadOnlyDictionary<string, string>? labels = null) => Series(name, labels).Sum(s => s.Value);

    /// <summary>GET {baseUrl}/metrics of a component.</summary>
    public static async Task<MetricsPage> ReadAsync(string component, Uri baseUrl, CancellationToken cancellationToken = default)
    {
        var http = ApiCall.Client(baseUrl, TimeSpan.FromSeconds(10));
        return Parse(await ApiCall.GetStringAsync(component, http.Request("metrics"), cancellationToken));
    }

    /// <summary>Parses the text format; comments, blank lines and lines it cannot read are left out.</summary>
    public static MetricsPage Parse(string text)
    {
        var samples = new List<(string, Sample)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (ParseLine(line) is { } sample) samples.Add(sample);
        }
        return new MetricsPage(samples);
    }

    private static (string, Sample)? ParseLine(string line)
    {
        var nameEnd = line.IndexOfAny(['{', ' ', '\t']);
        if (nameEnd <= 0) return null;
        var name = line[..nameEnd];
        var labels = new Dictionary<string, string>();
        var at = nameEnd;
        if (line[at] == '{')
        {
            at++;
            while (at < line.Length && line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"') return null;
                var key = line[at..equals].Trim().TrimStart(',').Trim();
                var value = new StringBuilder();
                at = equals + 2;
                for (; at < line.Length && line[at] != '"'; at++)
                {
                    if (line[at] == '\\' && at + 1 < line.Length)
                    {
                        at++;
                        value.Append(line[at] == 'n' ? '\n' : line[at]);
                    }
                    else value.Append(line[at]);
                }
                if (at >= line.Length) return null;
                labels[key] = value.ToString();
                at++;
                while (at < line.Length && line[at] is ',' or ' ') at++;
            }
            if (at >= line.Length) return null;
            at++;
        }
        var fields = line[at..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0) return null;
        double number;
        switch (fields[0])
        {
            case "+Inf": number = double.PositiveInfinity; break;
            case "-Inf": number = double.NegativeInfinity; break;
            case "NaN": number = double.NaN; break;
            default:
                if (!double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return null;
                break;
        }
        return (name, new Sample(labels, number));
    }
}
