using StackTests.Canary;
using System.Text.Json;
using System.Xml.Linq;
using StackTests.Harness.Canary;

namespace StackTests.Tests.Canary;

public sealed class ReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static LedgerSummary Summary(int sent, int missing, int duplicated = 0, double p95 = 2) =>
        new(sent, 0, sent - missing, missing, duplicated, 0, 0,
            new LatencySummary(sent - missing, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(p95), TimeSpan.FromSeconds(p95), TimeSpan.FromSeconds(p95)),
            Enumerable.Range(0, missing).Select(i => (long)i).ToList(), null, TimeSpan.Zero);

    private static CanaryReport Sample()
    {
        var iot = Summary(100, 5);
        return new CanaryReport("run-x", "testcontainers", T0, TimeSpan.FromSeconds(20), 5,
            [
                new SignalOutcome("metrics", "metrics", Summary(100, 0), null, []),
                new SignalOutcome("iot", "iot", iot, null, Verdict.Failures(iot, null)),
                new SignalOutcome("logs", "logs", null, "needs loki: no image (stack: testcontainers)", []),
            ],
            [new ServiceResources("prometheus", TimeSpan.FromSeconds(2.4), 33 << 20, 1, null), new ServiceResources("mosquitto", null, null, 0, "no reading")],
            [new CeilingOutcome("prometheus", 16 << 20, 33 << 20)],
            [new RestartOutcome(new RestartPlan("mosquitto", TimeSpan.FromSeconds(10)), T0.AddSeconds(10), TimeSpan.FromSeconds(1), null,
                new Dictionary<string, int> { ["iot"] = 5 })],
            new EmitterFigures(100, 100, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(8), 100 << 20), []);
    }

    [Fact]
    public void Thresholds_are_no_loss_no_duplicate_and_the_p95_bound()
    {
        Verdict.Failures(Summary(10, 0), null).Should().BeEmpty();
        Verdict.Failures(Summary(10, 2), null).Should().ContainSingle().Which.Should().StartWith("2 of 10 entries missing (first: 0, 1)");
        Verdict.Failures(Summary(10, 0, duplicated: 1), null).Should().ContainSingle().Which.Should().Be("1 duplicated entries");
        Verdict.Failures(Summary(10, 0, p95: 12), TimeSpan.FromSeconds(10)).Should().ContainSingle().Which.Should().Contain("above --max-p95 10.000s");
        Verdict.Failures(Summary(10, 0, p95: 8), TimeSpan.FromSeconds(10)).Should().BeEmpty();
    }

    [Fact]
    public void A_report_passes_only_when_every_measured_signal_and_ceiling_passes()
    {
        var report = Sample();
        report.Passed.Should().BeFalse();
        (report with { Signals = report.Signals.Where(s => s.Name != "iot").ToList(), Ceilings = [] }).Passed.Should().BeTrue("a signal not measured is not a failure");
    }

    [Fact]
    public void JUnit_has_a_case_per_signal_and_ceiling_failures_and_skips_with_reasons()
    {
        var suite = XDocument.Parse(Report.JUnit(Sample())).Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.Should().Be("5");
        suite.Attribute("failures")!.Value.Should().Be("2");
        suite.Attribute("skipped")!.Value.Should().Be("1");
        var cases = suite.Elements("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        cases["metrics"].Elements().Select(e => e.Name.LocalName).Should().Equal("system-out");
        cases["iot"].Element("failure")!.Attribute("message")!.Value.Should().StartWith("5 of 100 entries missing");
        cases["logs"].Element("skipped")!.Attribute("message")!.Value.Should().Be("needs loki: no image (stack: testcontainers)");
        cases["prometheus peak memory"].Element("failure")!.Attribute("message")!.Value.Should().Be("peak memory 33.0 MiB is above --max-rss 16.0 MiB");
        cases["restart mosquitto@10s"].Elements("failure").Should().BeEmpty();
    }

    [Fact]
    public void Json_holds_the_figures()
    {
        var root = JsonDocument.Parse(Report.Json(Sample())).RootElement;
        root.GetProperty("passed").GetBoolean().Should().BeFalse();
        var iot = root.GetProperty("signals")[1];
        iot.GetProperty("result").GetString().Should().Be("failed");
        iot.GetProperty("missing").GetInt32().Should().Be(5);
        iot.GetProperty("visibilitySeconds").GetProperty("p95").GetDouble().Should().Be(2);
        root.GetProperty("signals")[2].GetProperty("result").GetString().Should().Be("not measured");
        root.GetProperty("restarts")[0].GetProperty("missingSentDuring").GetProperty("iot").GetInt32().Should().Be(5);
        root.GetProperty("resources")[0].GetProperty("cpuSeconds").GetDouble().Should().Be(2.4);
        root.GetProperty("canary").GetProperty("achievedRate").GetDouble().Should().Be(5);
    }

    [Fact]
    public void Console_and_markdown_show_every_row_and_why()
    {
        var table = Report.ConsoleTable(Sample());
        table.Should().Contain("not measured").And.Contain("FAILED").And.Contain("logs: needs loki")
            .And.Contain("prometheus: CPU 2.400s, peak memory 33.0 MiB (ceiling 16.0 MiB: FAILED)")
            .And.Contain("mosquitto: resources not measured (no reading)")
            .And.Contain("restart mosquitto@10s: down and ready again in 1.000s; entries sent meanwhile and never seen: iot 5");
        var markdown = Report.Markdown(Sample());
        markdown.Should().StartWith("# StackTests canary: FAILED").And.Contain("| iot | 100 | 0 | 95 | 5 |");
    }

    [Fact]
    public void Written_files()
    {
        var directory = Path.Combine(Path.GetTempPath(), "canary-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            Report.Write(Sample(), directory).Select(Path.GetFileName).Should().Equal("summary.md", "canary.json", "canary.junit.xml");
        }
        finally
        {
            Directory.Delete(directory, true);
        }
    }

    [Fact]
    public void Pushed_results_follow_loki_canary_names()
    {
        var metrics = ResultPusher.Metrics([("iot", "iot", Summary(100, 5), false)], [new ServiceResources("prometheus", TimeSpan.FromSeconds(2), 1024, 1, null)]);
        metrics.Should().Contain(m => m.Name == "stacktests_canary_missing_entries_total" && m.Value == 5 && m.Type == "counter" && m.Labels!["signal"] == "iot");
        metrics.Should().Contain(m => m.Name == "stacktests_canary_visibility_seconds" && m.Labels!["quantile"] == "0.95" && m.Value == 2);
        metrics.Should().Contain(m => m.Name == "stacktests_canary_passed" && m.Value == 0);
        metrics.Should().Contain(m => m.Name == "stacktests_canary_service_peak_memory_bytes" && m.Value == 1024);
        ResultPusher.Metrics([("iot", "iot", null, null)], []).Should().NotContain(m => m.Name == "stacktests_canary_passed", "no verdict while the run lasts");
    }
}
