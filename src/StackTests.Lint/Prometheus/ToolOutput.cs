using System.Text.RegularExpressions;

namespace StackTests.Lint.Prometheus;

/// <summary>
/// Turns the output of promtool and amtool into findings: "file: L:C: message" lines keep
/// their position (the file, relative to where the tool ran, named like the linted path),
/// "line N: message" lines their line, the rest becomes one finding. Temporary copies' paths
/// are replaced by the files they copy.
/// </summary>
public static partial class ToolOutput
{
    [GeneratedRegex(@"^(?<file>[^\s:][^:]*):\s*(?<line>\d+):(?<col>\d+):\s*(?<msg>.+)$")]
    private static partial Regex FileLineColumn();

    [GeneratedRegex(@"\bline (?<line>\d+):\s*(?<msg>.+)$")]
    private static partial Regex LineMessage();

    /// <param name="path">The checked file as the user named it.</param>
    /// <param name="workingDirectory">Where the tool ran: file names in its output are relative to it.</param>
    /// <param name="copies">Absolute paths of temporary copies and the real paths they stand for.</param>
    public static IReadOnlyList<Finding> ToFindings(
        string output, int exitCode, string path, string ruleId, string workingDirectory,
        IReadOnlyDictionary<string, string>? copies = null)
    {
        if (exitCode == 0) return [];
        foreach (var (copy, real) in (copies ?? new Dictionary<string, string>()).OrderByDescending(kv => kv.Key.Length))
            output = output.Replace(copy, real, StringComparison.Ordinal);
        var findings = new List<Finding>();
        var loose = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("Checking ", StringComparison.Ordinal) && !line.Contains("FAILED", StringComparison.Ordinal)
                || line.StartsWith("SUCCESS", StringComparison.Ordinal) || line.StartsWith("amtool: error: failed to validate", StringComparison.Ordinal))
                continue;
            if (FileLineColumn().Match(line) is { Success: true } m)
            {
                var file = DisplayPath.Like(path, Path.GetFullPath(m.Groups["file"].Value, workingDirectory));
                findings.Add(new Finding(file, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value),
                    Severity.Error, ruleId, m.Groups["msg"].Value));
                continue;
            }
            if (LineMessage().Match(line) is { Success: true } l)
            {
                var context = loose.Count > 0 ? loose[^1].TrimEnd(':') + ": " : "";
                findings.Add(new Finding(path, int.Parse(l.Groups["line"].Value), 0, Severity.Error, ruleId, context + l.Groups["msg"].Value));
                continue;
            }
            loose.Add(Regex.Replace(line, @"^(Checking '[^']*'\s*)?FAILED:\s*", ""));
        }
        loose.RemoveAll(s => s.Length == 0);
        if (findings.Count == 0)
            findings.Add(new Finding(path, 0, 0, Severity.Error, ruleId, loose.Count > 0 ? string.Join(" ", loose) : $"failed with exit code {exitCode}"));
        return findings;
    }

    [GeneratedRegex("\"(?<name>[^\"]+)\"")]
    private static partial Regex QuotedName();

    /// <summary>
    /// For messages without a position (amtool: undefined receiver "x"): the first line of the
    /// file that holds the quoted name, or 0.
    /// </summary>
    public static int LineOfQuotedName(string message, string file)
    {
        if (QuotedName().Match(message) is not { Success: true } m || !File.Exists(file)) return 0;
        var lines = File.ReadAllLines(file);
        var index = Array.FindIndex(lines, l => l.Contains(m.Groups["name"].Value, StringComparison.Ordinal));
        return index + 1;
    }
}
