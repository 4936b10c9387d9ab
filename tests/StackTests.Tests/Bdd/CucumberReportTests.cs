using StackTests.Bdd;
using StackTests.Bdd.Reporting;

namespace StackTests.Tests.Bdd;

public sealed class CucumberReportTests
{
    private const string Feature = """
        @feature
        Feature: Report
          Scenario: Passing
            Given a counter of 1
            And an attachment

          Scenario: Failing
            Given a step that fails
            And a counter of 2

          Scenario: Undefined
            Given nothing binds this
        """;

    private static async Task<Ndjson> ReportAsync()
    {
        var features = FeatureSet.FromTexts([("features/report.feature", Feature), ("features/broken.feature", "Feature: B\n  Scenario: S\n    Given x\n    not a step\n")]);
        var registry = BindingRegistry.Of(typeof(RecordingSteps), typeof(RecordingHooks));
        var report = new CucumberReport(features, registry);
        foreach (var scenario in features.Scenarios)
            report.Add(await new ScenarioRunner(registry).RunAsync(scenario, TextWriter.Null));
        return Ndjson.Parse(string.Join("\n", report.Envelopes(DateTimeOffset.UtcNow).Select(MessageJson.Serialize)));
    }

    [Fact]
    public async Task Messages_come_in_the_order_the_schema_requires()
    {
        var report = await ReportAsync();
        var types = report.Messages.Select(m => m.Type).ToList();

        types[0].Should().Be("meta");
        types[^1].Should().Be("testRunFinished");
        types.Should().ContainInOrder("source", "gherkinDocument", "pickle", "parseError", "stepDefinition", "hook", "testRunStarted",
            "testCase", "testCaseStarted", "testStepStarted", "attachment", "testStepFinished", "testCaseFinished");
        types.LastIndexOf("stepDefinition").Should().BeLessThan(types.IndexOf("testRunStarted"));
        foreach (var testCase in report.Of("testCase"))
        {
            var id = testCase.Str("id");
            report.IndexOf("testCase", t => t.Str("id") == id)
                .Should().BeLessThan(report.IndexOf("testCaseStarted", t => t.Str("testCaseId") == id));
        }
    }

    [Fact]
    public async Task Required_fields_are_present_and_ids_refer_to_earlier_messages()
    {
        var report = await ReportAsync();

        report.Of("meta").Single().Requires("protocolVersion", "implementation", "runtime", "os", "cpu");
        report.Of("source").First().Requires("uri", "data", "mediaType").Str("mediaType").Should().Be("text/x.cucumber.gherkin+plain");
        report.Of("gherkinDocument").First().Requires("uri", "feature", "comments");
        report.Of("parseError").Single().Requires("source", "message").GetProperty("source").Str("uri").Should().Be("features/broken.feature");
        var pickles = report.Of("pickle").Select(p => p.Requires("id", "uri", "name", "language", "steps", "tags", "astNodeIds")).ToList();
        pickles.Should().HaveCount(3);
        var stepDefinitions = report.Of("stepDefinition").Select(s => s.Requires("id", "pattern", "sourceReference").Str("id")).ToHashSet();
        var hooks = report.Of("hook").Select(h => h.Requires("id", "sourceReference").Str("id")).ToHashSet();

        foreach (var testCase in report.Of("testCase"))
        {
            testCase.Requires("id", "pickleId", "testSteps");
            pickles.Select(p => p.Str("id")).Should().Contain(testCase.Str("pickleId"));
            foreach (var step in testCase.GetProperty("testSteps").EnumerateArray())
            {
                if (step.TryGetProperty("hookId", out var hookId)) hooks.Should().Contain(hookId.GetString());
                else
                    step.Requires("pickleStepId", "stepDefinitionIds", "stepMatchArgumentsLists")
                        .GetProperty("stepDefinitionIds").EnumerateArray().Select(i => i.GetString()).Should().BeSubsetOf(stepDefinitions);
            }
        }
        foreach (var finished in report.Of("testStepFinished"))
        {
            finished.Requires("testCaseStartedId", "testStepId", "testStepResult", "timestamp");
            finished.GetProperty("testStepResult").Requires("duration", "status").GetProperty("duration").Requires("seconds", "nanos");
        }
        report.Of("testRunStarted").Single().Requires("timestamp");
        report.Of("testRunFinished").Single().Requires("success", "timestamp").GetProperty("success").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Step_results_say_passed_failed_skipped_and_undefined()
    {
        var report = await ReportAsync();
        var pickleSteps = report.Of("testCase").SelectMany(c => c.GetProperty("testSteps").EnumerateArray())
            .Where(s => s.TryGetProperty("pickleStepId", out _)).Select(s => s.Str("id")).ToHashSet();
        var statuses = report.Of("testStepFinished").Where(f => pickleSteps.Contains(f.Str("testStepId")))
            .Select(f => f.GetProperty("testStepResult").Str("status")).ToList();

        statuses.Should().Equal("PASSED", "PASSED", "FAILED", "SKIPPED", "UNDEFINED");
        report.Of("testStepFinished").Select(f => f.GetProperty("testStepResult"))
            .Single(r => r.Str("status") == "FAILED").Requires("message", "exception").GetProperty("exception").Str("message").Should().Be("boom");
    }

    [Fact]
    public async Task Attachments_carry_text_as_is_and_bytes_as_base64()
    {
        var attachments = (await ReportAsync()).Of("attachment").ToList();

        attachments.Should().Contain(a => a.Str("mediaType") == "text/plain" && a.Str("body") == "up{job=\"x\"}" && a.Str("contentEncoding") == "IDENTITY" && a.Str("fileName") == "query");
        attachments.Should().Contain(a => a.Str("mediaType") == "image/png" && a.Str("body") == "AQID" && a.Str("contentEncoding") == "BASE64");
        attachments.Should().Contain(a => a.Str("mediaType") == "text/x.cucumber.log+plain" && a.Str("body").Contains("counter 1"));
        foreach (var attachment in attachments) attachment.Requires("testCaseStartedId", "testStepId", "body", "contentEncoding", "mediaType");
    }
}
