using System.Globalization;
using System.Text;

namespace StackTests.Bdd.Reporting;

/// <summary>
/// What a run did, scenario by scenario (feature, name, result, duration, the skip or failure
/// reason, the evidence its result rests on), and the durations its scenarios attached: as summary.md,
/// and as the text a console shows.
/// </summary>
public sealed class RunSummary
{
    public sealed record Row(string Feature, string Scenario, string Location, string Result, TimeSpan Duration, string Reason)
    {
        /// <summary>A skip's causes: the lines of its reason after the first, one cause each; none when it has one line.</summary>
        public IReadOnlyList<string> Causes { get; init; } = [];

        /// <summary>The scenario's evidence (ScenarioContext.AddEvidence), one line each.</summary>
        public IReadOnlyList<string> Evidence { get; init; } = [];
    }

    public sealed record MeasuredDuration(string Scenario, string Name, TimeSpan Duration);

    public RunSummary(IEnumerable<ScenarioRun> runs)
    {
        var ordered = runs.ToList();
        Rows = ordered.Select(r => new Row(r.Scenario.FeatureName, r.Scenario.Name, r.Scenario.Location,
            Result(r), r.Finished - r.Started, FirstLine(r.Problems.FirstOrDefault() ?? r.SkipReason ?? ""))
            {
                Causes = r.Problems.Count == 0 && r.SkipReason is { } skip
                    ? skip.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
                    : [],
                Evidence = r.Evidence,
            }).ToList();
        Durations = ordered.SelectMany(r => r.Steps.SelectMany(s => s.Attachments)
            .Where(a => a.Duration is not null)
            .Select(a => new MeasuredDuration(r.Scenario.DisplayName, a.Name, a.Duration!.Value))).ToList();
    }

    public IReadOnlyList<Row> Rows { get; }
    public IReadOnlyList<MeasuredDuration> Durations { get; }

    public string Markdown()
    {
        var md = new StringBuilder("# Acceptance run\n\n| Result | Duration | Feature | Scenario | Reason |\n|---|---|---|---|---|\n");
        foreach (var row in Rows)
            md.Append($"| {row.Result} | {Seconds(row.Duration)} | {Cell(row.Feature)} | {Cell($"{row.Scenario} [{row.Location}]")} | {Cell(row.Reason)} |\n");
        if (Rows.Any(r => r.Evidence.Count > 0))
        {
            md.Append("\n## Evidence\n");
            foreach (var row in Rows.Where(r => r.Evidence.Count > 0))
            {
                md.Append($"\n**{row.Result}** {Cell(row.Feature)}: {Cell($"{row.Scenario} [{row.Location}]")}\n\n");
                foreach (var line in row.Evidence) md.Append($"- {line}\n");
            }
        }
        if (Durations.Count > 0)
        {
            md.Append("\n## Durations\n\n| What | Seconds | Scenario |\n|---|---|---|\n");
            foreach (var d in Durations) md.Append($"| {Cell(d.Name)} | {Seconds(d.Duration)} | {Cell(d.Scenario)} |\n");
        }
        return md.ToString();
    }

    public string ConsoleText()
    {
        var text = new StringBuilder("== scenarios\n");
        foreach (var row in Rows)
        {
            text.Append($"{row.Result,-9} {Seconds(row.Duration),7}  {row.Feature}: {row.Scenario} [{row.Location}]\n");
            if (row.Reason.Length > 0) text.Append($"{"",19}{row.Reason}\n");
            foreach (var line in row.Evidence) text.Append($"{"",19}{line}\n");
        }
        if (Durations.Count > 0)
        {
            text.Append("== durations\n");
            foreach (var d in Durations) text.Append($"{Seconds(d.Duration),7}  {d.Name}  ({d.Scenario})\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Each distinct cause of a skip once, most frequent first, with the scenarios it skipped: what a
    /// run that skipped everything shows, instead of one reason per scenario. A reason's lines after
    /// the first are its causes (a scenario that lacks two things names each on a line); a one-line
    /// reason is its own cause.
    /// </summary>
    public string SkipCauses() => SkipCauses(Rows);

    public static string SkipCauses(IEnumerable<Row> rows) => string.Concat(rows.Where(r => r.Result == nameof(ScenarioStatus.Skipped).ToUpperInvariant())
        .SelectMany(r => (r.Causes.Count > 0 ? r.Causes : [r.Reason]).Select(cause => (Cause: cause, r.Scenario)))
        .GroupBy(c => c.Cause, c => c.Scenario).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{(g.Key.Length > 0 ? g.Key : "(no reason given)")}\n    skipped {g.Count()} scenario{(g.Count() == 1 ? "" : "s")}: " +
                     $"{string.Join("; ", g)}\n"));

    /// <summary>Writes summary.md, summary.txt (the console text) and skip-causes.txt into the folder.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.md"), Markdown());
        File.WriteAllText(Path.Combine(directory, "summary.txt"), ConsoleText());
        File.WriteAllText(Path.Combine(directory, "skip-causes.txt"), SkipCauses());
    }

    // A failure caused by an undefined or ambiguous step carries that step status, as Cucumber reports it.
    private static string Result(ScenarioRun run) =>
        run.Steps.FirstOrDefault(s => s.Status is StepStatus.Undefined or StepStatus.Ambiguous) is { } step
            ? step.Status.ToString().ToUpperInvariant()
            : run.Status.ToString().ToUpperInvariant();

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    private static string Cell(string text) => text.Replace("|", "\\|");
}
