using StackTests.Bdd;
using StackTests.Bdd.Reporting;

namespace StackTests.Tests.Bdd;

/// <summary>summary.md and the console summary, from the scenario runs the engine holds.</summary>
public sealed class RunSummaryTests
{
    private const string Feature = """
        Feature: Summary
          Scenario: Passing
            Given "metric in Prometheus" took 1500 ms
            And a counter of 1

          Scenario: Failing
            Given a step that fails
            And a counter of 2

          Scenario: Skipping
            Given a step that skips the scenario

          Scenario: Undefined
            Given nothing binds | this
        """;

    private static async Task<RunSummary> SummaryAsync()
    {
        var registry = BindingRegistry.Of(typeof(RecordingSteps));
        var runs = new List<ScenarioRun>();
        foreach (var scenario in FeatureSet.FromTexts([("features/summary.feature", Feature)]).Scenarios)
            runs.Add(await new ScenarioRunner(registry).RunAsync(scenario, TextWriter.Null));
        return new RunSummary(runs);
    }

    [Fact]
    public async Task Each_scenario_has_its_feature_name_result_and_reason()
    {
        var rows = (await SummaryAsync()).Rows;

        rows.Select(r => (r.Feature, r.Scenario, r.Location, r.Result)).Should().Equal(
            ("Summary", "Passing", "features/summary.feature:2", "PASSED"),
            ("Summary", "Failing", "features/summary.feature:6", "FAILED"),
            ("Summary", "Skipping", "features/summary.feature:10", "SKIPPED"),
            ("Summary", "Undefined", "features/summary.feature:13", "UNDEFINED"));
        rows[0].Reason.Should().BeEmpty();
        rows[1].Reason.Should().Be("Step \"Given a step that fails\" at features/summary.feature:7 failed: boom");
        rows[2].Reason.Should().Be("needs loki: not available");
        rows[3].Reason.Should().Be("Undefined step \"Given nothing binds | this\" at features/summary.feature:14.", "only the first line: the snippet stays in the test's output");
        rows.Should().OnlyContain(r => r.Duration >= TimeSpan.Zero);
    }

    [Fact]
    public async Task Markdown_has_a_row_per_scenario_escapes_pipes_and_lists_attached_durations()
    {
        var markdown = (await SummaryAsync()).Markdown();

        markdown.Should().StartWith("# Acceptance run\n\n| Result | Duration | Feature | Scenario | Reason |\n|---|---|---|---|---|\n");
        markdown.Should().MatchRegex(@"\| PASSED \| \d+\.\ds \| Summary \| Passing \[features/summary\.feature:2\] \|  \|\n");
        markdown.Should().MatchRegex(@"\| SKIPPED \| \d+\.\ds \| Summary \| Skipping \[features/summary\.feature:10\] \| needs loki: not available \|\n");
        markdown.Should().Contain(@"Undefined step ""Given nothing binds \| this""", "a pipe in a cell would end it");
        markdown.Should().EndWith("## Durations\n\n| What | Seconds | Scenario |\n|---|---|---|\n" +
                                  "| metric in Prometheus | 1.5s | Summary: Passing [features/summary.feature:2] |\n");
    }

    [Fact]
    public async Task Skip_causes_give_each_reason_once_with_the_scenarios_it_skipped()
    {
        var once = await SummaryAsync();
        var skipped = once.Rows.Single(r => r.Result == "SKIPPED");
        // Three scenarios skipped for one reason, one for another: two causes, the frequent one first.
        var rows = new[] { skipped, skipped with { Scenario = "Second" }, skipped with { Scenario = "Third" },
            skipped with { Scenario = "Other", Reason = "needs containers (the stack provider starts no containers)" }, once.Rows[0] };

        RunSummary.SkipCauses(rows).Should().Be("needs loki: not available\n    skipped 3 scenarios: Skipping; Second; Third\n" +
                                                "needs containers (the stack provider starts no containers)\n    skipped 1 scenario: Other\n");
        RunSummary.SkipCauses([once.Rows[0]]).Should().BeEmpty();
    }

    [Fact]
    public async Task A_reason_s_lines_after_the_first_are_causes_each_given_once()
    {
        var skipped = (await SummaryAsync()).Rows.Single(r => r.Result == "SKIPPED");
        var rows = new[]
        {
            skipped with { Scenario = "A", Reason = "needs loki (no binary), tempo (no binary)", Causes = ["loki (no binary)", "tempo (no binary)"] },
            skipped with { Scenario = "B", Reason = "needs loki (no binary)", Causes = ["loki (no binary)"] },
        };

        RunSummary.SkipCauses(rows).Should().Be("loki (no binary)\n    skipped 2 scenarios: A; B\ntempo (no binary)\n    skipped 1 scenario: A\n");
    }

    [Fact]
    public async Task The_console_text_gives_each_result_with_its_reason_below_and_the_durations()
    {
        var lines = (await SummaryAsync()).ConsoleText().Split('\n');

        lines[0].Should().Be("== scenarios");
        lines[1].Should().MatchRegex(@"^PASSED +\d+\.\ds  Summary: Passing \[features/summary\.feature:2\]$");
        lines[2].Should().StartWith("FAILED ");
        lines[3].Should().Be(new string(' ', 19) + "Step \"Given a step that fails\" at features/summary.feature:7 failed: boom");
        lines.Should().ContainInOrder("== durations", "   1.5s  metric in Prometheus  (Summary: Passing [features/summary.feature:2])");
    }

    [Fact]
    public async Task A_run_with_no_duration_has_no_durations_section()
    {
        var registry = BindingRegistry.Of(typeof(RecordingSteps));
        var run = await new ScenarioRunner(registry).RunAsync(Scenarios.WithSteps("Given a counter of 1"), TextWriter.Null);
        var summary = new RunSummary([run]);

        summary.Markdown().Should().NotContain("Durations");
        summary.ConsoleText().Should().NotContain("durations");
    }

    [Fact]
    public async Task A_scenario_s_evidence_is_shown_with_its_result_and_attached_as_text()
    {
        const string feature = """
            Feature: Evidence
              Scenario: Asked
                Given evidence "prometheus answered: version 3.5.3"
                And evidence "pushgateway | answered"
            """;
        var features = FeatureSet.FromTexts([("features/evidence.feature", feature)]);
        var registry = BindingRegistry.Of(typeof(RecordingSteps));
        var run = await new ScenarioRunner(registry).RunAsync(features.Scenarios.Single(), TextWriter.Null);
        var summary = new RunSummary([run]);

        run.Evidence.Should().Equal("prometheus answered: version 3.5.3", "pushgateway | answered");
        summary.Rows.Single().Evidence.Should().Equal(run.Evidence);
        summary.ConsoleText().Split('\n').Should().ContainInOrder(
            new string(' ', 19) + "prometheus answered: version 3.5.3", new string(' ', 19) + "pushgateway | answered");
        summary.Markdown().Should().Contain("## Evidence\n\n**PASSED** Evidence: Asked [features/evidence.feature:2]\n\n" +
                                            "- prometheus answered: version 3.5.3\n- pushgateway | answered\n");
        run.Steps.SelectMany(s => s.Attachments).Where(a => a.Name == "evidence").Select(a => a.Text)
            .Should().Equal("prometheus answered: version 3.5.3", "pushgateway | answered");
    }

    [Fact]
    public async Task A_duration_is_a_json_attachment_of_its_step_in_the_messages()
    {
        var features = FeatureSet.FromTexts([("features/summary.feature", Feature)]);
        var registry = BindingRegistry.Of(typeof(RecordingSteps));
        var report = new CucumberReport(features, registry);
        report.Add(await new ScenarioRunner(registry).RunAsync(features.Scenarios.First(), TextWriter.Null));
        var messages = Ndjson.Parse(string.Join("\n", report.Envelopes(DateTimeOffset.UtcNow).Select(MessageJson.Serialize)));

        var attachment = messages.Of("attachment").Single(a => a.Str("mediaType") == "application/json");
        attachment.Str("fileName").Should().Be("metric in Prometheus");
        attachment.Str("contentEncoding").Should().Be("IDENTITY");
        attachment.Str("body").Should().Be("""{"name":"metric in Prometheus","seconds":1.5}""");
        var firstStep = messages.Of("testCase").Single().GetProperty("testSteps")[0].Str("id");
        attachment.Str("testStepId").Should().Be(firstStep, "the step that measured it carries it");
    }

    [Fact]
    public async Task The_engine_writes_every_report_into_the_report_folder()
    {
        var folder = Directory.CreateTempSubdirectory("stacktests-summary-");
        try
        {
            var features = FeatureSet.FromTexts([("features/summary.feature", Feature)]);
            var registry = BindingRegistry.Of(typeof(RecordingSteps));
            var report = new CucumberReport(features, registry);
            foreach (var scenario in features.Scenarios)
                report.Add(await new ScenarioRunner(registry).RunAsync(scenario, TextWriter.Null));

            await report.WriteAsync(folder.FullName, DateTimeOffset.UtcNow);

            File.ReadAllText(Path.Combine(folder.FullName, "summary.md")).Should().Be(new RunSummary(report.Runs).Markdown());
            File.ReadAllText(Path.Combine(folder.FullName, "summary.txt")).Should().Be(new RunSummary(report.Runs).ConsoleText());
            File.ReadAllText(Path.Combine(folder.FullName, "skip-causes.txt")).Should().Be("needs loki: not available\n    skipped 1 scenario: Skipping\n");
            Ndjson.Parse(File.ReadAllText(Path.Combine(folder.FullName, "cucumber.ndjson"))).Of("testCase").Should().HaveCount(4);
            var html = File.ReadAllText(Path.Combine(folder.FullName, "cucumber.html"));
            html.Should().StartWith("<!DOCTYPE html>").And.Contain("<title>StackTests</title>").And.EndWith("</html>\n");
            html.Should().Contain("\"name\":\"Failing\"", "the messages are embedded in the page");
        }
        finally { folder.Delete(recursive: true); }
    }
}
