using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using StackTests.Harness;
using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>The report in its forms: console table, summary.md, canary.json, canary.junit.xml.</summary>
public static class Report
{
    public static string Seconds(TimeSpan? time) => time is { } t ? $"{t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)}s" : "-";

    public static string Bytes(long? bytes) => bytes is { } b ? $"{(b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture)} MiB" : "-";

    private static readonly string[] Header = ["signal", "sent", "failed", "received", "missing", "dup", "out of order", "p50", "p95", "p99", "max", "gap", "result"];

    private static IEnumerable<string[]> Rows(CanaryReport report) => report.Signals.Select(s => s.Summary is { } m && s.Measured
        ? [s.Name, N(m.Sent), N(m.SendFailed), N(m.Received), N(m.Missing), N(m.Duplicated), N(m.OutOfOrder),
            Seconds(m.Visibility.P50), Seconds(m.Visibility.P95), Seconds(m.Visibility.P99), Seconds(m.Visibility.Max),
            Seconds(m.LongestGap), s.Passed ? "passed" : "FAILED"]
        : new[] { s.Name, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", report.SkipsFail ? "NOT MEASURED" : "not measured" });

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    public static string ConsoleTable(CanaryReport report)
    {
        var rows = Rows(report).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows) text.AppendLine(string.Join("  ", row.Select((cell, i) => i == 0 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        foreach (var s in report.Signals.Where(s => !s.Passed))
            text.AppendLine($"{s.Name}: {s.NotMeasured ?? string.Join("; ", s.Failures)}");
        foreach (var failure in report.RunFailures) text.AppendLine($"FAILED: {failure}");
        foreach (var line in RefusalLines(report)) text.AppendLine(line);
        text.Append(ResourceLines(report));
        foreach (var r in report.Restarts) text.AppendLine(RestartLine(r));
        text.AppendLine($"canary: {EmitterLine(report.Emitter)}");
        foreach (var note in report.Notes) text.AppendLine($"note: {note}");
        return text.ToString();
    }

    /// <summary>
    /// Per signal whose sends were refused at some try: how many entries were refused while the
    /// receiver was down and accepted on a retry, apart from those accepted and lost.
    /// </summary>
    public static IEnumerable<string> RefusalLines(CanaryReport report) =>
        report.Signals.Where(s => s.Summary is { RefusedThenAccepted: > 0 } || s.Summary is { SendFailed: > 0 }).Select(s =>
            $"{s.Name}: {s.Summary!.RefusedThenAccepted} entries refused while the receiver was down and accepted on a retry, " +
            $"{s.Summary.SendFailed} refused by every try, {s.Summary.AcceptedAndLost} accepted and lost" +
            (s.Summary.FirstRefusal is { } why ? $" (first refusal: {why})" : ""));

    private static string ResourceLines(CanaryReport report)
    {
        var text = new StringBuilder();
        foreach (var r in report.Resources)
        {
            var ceiling = report.Ceilings.FirstOrDefault(c => c.Service == r.Service);
            text.AppendLine(r.NotMeasured is { } why
                ? $"{r.Service}: resources not measured ({why})"
                : $"{r.Service}: CPU {Seconds(r.CpuTime)}, peak memory {Bytes(r.PeakMemoryBytes)}" +
                  (r.Instances > 1 ? $" over {r.Instances} instances" : "") +
                  (ceiling is null ? "" : ceiling.Passed ? $" (ceiling {Bytes(ceiling.Ceiling)}: passed)" : $" (ceiling {Bytes(ceiling.Ceiling)}: FAILED)"));
        }
        return text.ToString();
    }

    private static string EmitterLine(EmitterFigures e) =>
        $"{e.Sent} of {e.Planned} ticks sent in {Seconds(e.SendWindow)} ({e.AchievedRate.ToString("0.0", CultureInfo.InvariantCulture)}/s), " +
        $"max lag behind schedule {Seconds(e.MaxLag)}, own CPU {Seconds(e.CanaryCpu)}, own peak memory {Bytes(e.CanaryPeakMemory)}";

    private static string RestartLine(RestartOutcome r) =>
        r.Error is { } error
            ? $"restart {r.Plan}: failed: {error}"
            : $"restart {r.Plan}: down and ready again in {Seconds(r.Took)}; entries sent meanwhile and never seen: " +
              (r.MissingSentDuring.Count == 0 ? "none" : string.Join(", ", r.MissingSentDuring.Select(m => $"{m.Key} {m.Value}")));

    public static string Markdown(CanaryReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# StackTests canary: {(report.Passed ? "passed" : "FAILED")}");
        text.AppendLine();
        text.AppendLine($"Run `{report.RunId}` on the `{report.Provider}` stack, {Seconds(report.Duration)} at {report.Rate.ToString("0.##", CultureInfo.InvariantCulture)}/s, started {report.StartedAt:u}.");
        text.AppendLine();
        text.AppendLine("| " + string.Join(" | ", Header) + " |");
        text.AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
        foreach (var row in Rows(report)) text.AppendLine("| " + string.Join(" | ", row) + " |");
        text.AppendLine();
        foreach (var s in report.Signals.Where(s => !s.Passed))
            text.AppendLine($"- **{s.Name}**: {s.NotMeasured ?? string.Join("; ", s.Failures)}");
        foreach (var failure in report.RunFailures) text.AppendLine($"- **FAILED**: {failure}");
        foreach (var line in RefusalLines(report)) text.AppendLine($"- {line}");
        text.AppendLine();
        text.AppendLine("## Resources");
        text.AppendLine();
        foreach (var line in ResourceLines(report).Split('\n', StringSplitOptions.RemoveEmptyEntries)) text.AppendLine($"- {line}");
        if (report.Restarts.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("## Restarts");
            text.AppendLine();
            foreach (var r in report.Restarts) text.AppendLine($"- {RestartLine(r)}");
        }
        text.AppendLine();
        text.AppendLine("## The canary");
        text.AppendLine();
        text.AppendLine(EmitterLine(report.Emitter));
        foreach (var note in report.Notes) text.AppendLine($"- {note}");
        return text.ToString();
    }

    public static string Json(CanaryReport report)
    {
        static JsonNode? Span(TimeSpan? t) => t is { } v ? JsonValue.Create(Math.Round(v.TotalSeconds, 3)) : null;
        var root = new JsonObject
        {
            ["runId"] = report.RunId,
            ["provider"] = report.Provider,
            ["startedAt"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["durationSeconds"] = report.Duration.TotalSeconds,
            ["rate"] = report.Rate,
            ["passed"] = report.Passed,
            ["failures"] = new JsonArray(report.RunFailures.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
            ["signals"] = new JsonArray(report.Signals.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["signal"] = s.Signal,
                ["result"] = s.Measured ? s.Passed ? "passed" : "failed" : "not measured",
                ["notMeasured"] = s.NotMeasured,
                ["failures"] = new JsonArray(s.Failures.Select(f => (JsonNode)JsonValue.Create(f)).ToArray()),
                ["sent"] = s.Summary?.Sent, ["sendFailed"] = s.Summary?.SendFailed, ["received"] = s.Summary?.Received,
                ["missing"] = s.Summary?.Missing, ["duplicated"] = s.Summary?.Duplicated, ["outOfOrder"] = s.Summary?.OutOfOrder,
                ["unexpected"] = s.Summary?.Unexpected,
                ["refusedThenAccepted"] = s.Summary?.RefusedThenAccepted, ["acceptedAndLost"] = s.Summary?.AcceptedAndLost,
                ["visibilitySeconds"] = s.Summary is { } m ? new JsonObject
                {
                    ["p50"] = Span(m.Visibility.P50), ["p95"] = Span(m.Visibility.P95), ["p99"] = Span(m.Visibility.P99), ["max"] = Span(m.Visibility.Max),
                } : null,
                ["longestGapSeconds"] = Span(s.Summary?.LongestGap),
            }).ToArray()),
            ["resources"] = new JsonArray(report.Resources.Select(r => (JsonNode)new JsonObject
            {
                ["service"] = r.Service, ["cpuSeconds"] = Span(r.CpuTime), ["peakMemoryBytes"] = r.PeakMemoryBytes, ["instances"] = r.Instances,
                ["notMeasured"] = r.NotMeasured,
                ["ceilingBytes"] = report.Ceilings.FirstOrDefault(c => c.Service == r.Service)?.Ceiling,
            }).ToArray()),
            ["restarts"] = new JsonArray(report.Restarts.Select(r => (JsonNode)new JsonObject
            {
                ["service"] = r.Plan.Service, ["atSeconds"] = r.Plan.At.TotalSeconds, ["tookSeconds"] = Span(r.Took), ["error"] = r.Error,
                ["missingSentDuring"] = new JsonObject(r.MissingSentDuring.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)m.Value))),
            }).ToArray()),
            ["canary"] = new JsonObject
            {
                ["planned"] = report.Emitter.Planned, ["sent"] = report.Emitter.Sent, ["sendWindowSeconds"] = Span(report.Emitter.SendWindow),
                ["achievedRate"] = Math.Round(report.Emitter.AchievedRate, 2), ["maxLagSeconds"] = Span(report.Emitter.MaxLag),
                ["cpuSeconds"] = Span(report.Emitter.CanaryCpu), ["peakMemoryBytes"] = report.Emitter.CanaryPeakMemory,
            },
            ["notes"] = new JsonArray(report.Notes.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>
    /// One test case per signal row, resource ceiling and restart; a row not measured is skipped with
    /// its reason, or failed where the run counts it so (--fail-on-skip, nothing measured at all).
    /// </summary>
    public static string JUnit(CanaryReport report)
    {
        var cases = report.Signals.Select(s =>
        {
            var element = new XElement("testcase", new XAttribute("classname", "canary." + s.Signal), new XAttribute("name", s.Name),
                new XAttribute("time", report.Duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)));
            if (s.NotMeasured is { } why) element.Add(new XElement(report.SkipsFail ? "failure" : "skipped", new XAttribute("message", why)));
            else if (s.Failures.Count > 0) element.Add(new XElement("failure", new XAttribute("message", string.Join("; ", s.Failures)), Summary(s.Summary!)));
            else element.Add(new XElement("system-out", Summary(s.Summary!)));
            return element;
        }).Concat(report.Ceilings.Select(c =>
        {
            var element = new XElement("testcase", new XAttribute("classname", "canary.resources"), new XAttribute("name", $"{c.Service} peak memory"), new XAttribute("time", "0"));
            if (!c.Passed)
                element.Add(new XElement("failure", new XAttribute("message",
                    c.Peak is { } peak ? $"peak memory {Bytes(peak)} is above --max-rss {Bytes(c.Ceiling)}" : "peak memory could not be measured")));
            return element;
        })).Concat(report.Restarts.Select(r =>
        {
            var element = new XElement("testcase", new XAttribute("classname", "canary.restarts"), new XAttribute("name", $"restart {r.Plan}"),
                new XAttribute("time", (r.Took ?? TimeSpan.Zero).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)));
            if (r.Error is { } error) element.Add(new XElement("failure", new XAttribute("message", $"{r.Plan.Service} did not restart: {error}")));
            return element;
        })).ToList();
        var suite = new XElement("testsuite",
            new XAttribute("name", SignalProbe.SenderName),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("errors", 0),
            new XAttribute("timestamp", report.StartedAt.ToString("s", CultureInfo.InvariantCulture)),
            new XElement("properties",
                new XElement("property", new XAttribute("name", TestRun.IdLabel), new XAttribute("value", report.RunId)),
                new XElement("property", new XAttribute("name", "stack"), new XAttribute("value", report.Provider))),
            cases);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites", suite)).ToString();
    }

    private static string Summary(LedgerSummary m) =>
        $"sent {m.Sent}, send failed {m.SendFailed}, received {m.Received}, missing {m.Missing}, duplicated {m.Duplicated}, out of order {m.OutOfOrder}, " +
        $"visibility p50 {Seconds(m.Visibility.P50)} p95 {Seconds(m.Visibility.P95)} p99 {Seconds(m.Visibility.P99)} max {Seconds(m.Visibility.Max)}";

    /// <summary>Writes summary.md, canary.json and canary.junit.xml; returns their paths.</summary>
    public static IReadOnlyList<string> Write(CanaryReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            ("summary.md", Markdown(report)), ("canary.json", Json(report)), ("canary.junit.xml", JUnit(report)),
        };
        foreach (var (name, text) in files) File.WriteAllText(Path.Combine(directory, name), text);
        return files.Select(f => Path.Combine(directory, f.Name)).ToList();
    }
}
