using System.Globalization;
using System.Text;

namespace StackTests.Harness.Clients;

/// <summary>
/// Parses the Prometheus text exposition format (0.0.4) and the basics of OpenMetrics 1.0:
/// HELP/TYPE/UNIT metadata, samples with escaped label values, NaN/±Inf, optional timestamps,
/// exemplars (skipped), "# EOF", and Prometheus 3's quoted UTF-8 metric names.
/// Spec: https://prometheus.io/docs/instrumenting/exposition_formats/ and
/// https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md
/// </summary>
public static class MetricsText
{
    // Sample name suffixes that belong to the family named without them (histogram, summary,
    // OpenMetrics counter/info/gaugehistogram).
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count", "_created", "_total", "_info", "_gcount", "_gsum"];

    public static MetricSet Parse(string text)
    {
        var families = new List<FamilyBuilder>();
        var byName = new Dictionary<string, FamilyBuilder>(StringComparer.Ordinal);
        FamilyBuilder? current = null;
        var lineNumber = 0;

        FamilyBuilder Family(string name)
        {
            if (!byName.TryGetValue(name, out var family))
            {
                family = new FamilyBuilder(name);
                byName[name] = family;
                families.Add(family);
            }
            return family;
        }

        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            try
            {
                if (line.StartsWith('#'))
                {
                    var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length >= 2 && parts[1] == "EOF") break;
                    if (parts.Length < 3) continue;
                    var name = Unquote(parts[2]);
                    switch (parts[1])
                    {
                        case "HELP":
                            current = Family(name);
                            current.Help = parts.Length > 3 ? UnescapeHelp(parts[3]) : "";
                            break;
                        case "TYPE":
                            current = Family(name);
                            current.Type = parts.Length > 3 ? parts[3].Trim() : "untyped";
                            break;
                        case "UNIT":
                            current = Family(name);
                            current.Unit = parts.Length > 3 ? parts[3].Trim() : "";
                            break;
                    }
                    continue;
                }
                var sample = ParseSample(line);
                var family = current is not null && BelongsTo(sample.Name, current.Name) ? current : Family(sample.Name);
                family.Samples.Add(sample);
                current = family;
            }
            catch (FormatException e)
            {
                throw new FormatException($"metrics text line {lineNumber}: {e.Message}: {line}", e);
            }
        }
        return new MetricSet(families.Select(f => f.Build()).ToList());
    }

    private static bool BelongsTo(string sampleName, string familyName) =>
        sampleName == familyName || FamilySuffixes.Any(suffix => sampleName == familyName + suffix);

    private static MetricSample ParseSample(string line)
    {
        var position = 0;
        string? name = null;
        if (line[0] != '{')
        {
            while (position < line.Length && line[position] != '{' && !char.IsWhiteSpace(line[position])) position++;
            name = line[..position];
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (true)
            {
                SkipSeparators(line, ref position);
                if (position >= line.Length) throw new FormatException("unterminated label set");
                if (line[position] == '}') { position++; break; }
                var labelName = line[position] == '"' ? ReadQuoted(line, ref position) : ReadLabelName(line, ref position);
                SkipSpaces(line, ref position);
                if (position < line.Length && line[position] != '=')
                {
                    // A quoted string without "=" is the UTF-8 metric name: {"my.metric", a="b"}.
                    name = labelName;
                    continue;
                }
                position++;
                SkipSpaces(line, ref position);
                if (position >= line.Length || line[position] != '"') throw new FormatException($"label '{labelName}' has no quoted value");
                labels[labelName] = ReadQuoted(line, ref position);
            }
        }
        if (string.IsNullOrEmpty(name)) throw new FormatException("sample without a metric name");
        var rest = line[position..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length == 0) throw new FormatException($"sample '{name}' has no value");
        // Anything after "#" is an OpenMetrics exemplar.
        var timestamp = rest.Length > 1 && rest[1] != "#" ? ParseNumber(rest[1]) : (double?)null;
        return new MetricSample(name, labels, ParseNumber(rest[0]), timestamp);
    }

    private static void SkipSpaces(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t') position++;
    }

    private static void SkipSeparators(string line, ref int position)
    {
        while (position < line.Length && line[position] is ' ' or '\t' or ',') position++;
    }

    private static string ReadLabelName(string line, ref int position)
    {
        var start = position;
        while (position < line.Length && line[position] is not ('=' or ' ' or '\t' or ',' or '}')) position++;
        if (position == start) throw new FormatException("empty label name");
        return line[start..position];
    }

    // Reads a double-quoted string starting at position; escapes: \\ \" \n.
    private static string ReadQuoted(string line, ref int position)
    {
        position++;
        var value = new StringBuilder();
        while (position < line.Length)
        {
            var c = line[position++];
            if (c == '"') return value.ToString();
            if (c == '\\' && position < line.Length)
            {
                var escaped = line[position++];
                value.Append(escaped switch { 'n' => '\n', '\\' => '\\', '"' => '"', _ => escaped });
            }
            else value.Append(c);
        }
        throw new FormatException("unterminated quoted string");
    }

    private static string Unquote(string name) => name.Length >= 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1] : name;

    private static string UnescapeHelp(string help)
    {
        var text = new StringBuilder();
        for (var i = 0; i < help.Length; i++)
        {
            if (help[i] == '\\' && i + 1 < help.Length)
            {
                var escaped = help[++i];
                text.Append(escaped switch { 'n' => '\n', '\\' => '\\', _ => escaped });
            }
            else text.Append(help[i]);
        }
        return text.ToString();
    }

    private static double ParseNumber(string token) => token switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{token}' is not a number"),
    };

    private sealed class FamilyBuilder(string name)
    {
        public string Name { get; } = name;
        public string Type { get; set; } = "untyped";
        public string Help { get; set; } = "";
        public string Unit { get; set; } = "";
        public List<MetricSample> Samples { get; } = [];
        public MetricFamily Build() => new(Name, Type, Help, Unit, Samples);
    }
}
