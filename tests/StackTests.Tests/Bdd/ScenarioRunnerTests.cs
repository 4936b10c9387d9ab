using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class ScenarioRunnerTests
{
    private static readonly BindingRegistry Steps = BindingRegistry.Of(typeof(RecordingSteps));
    private static readonly BindingRegistry StepsAndHooks = BindingRegistry.Of(typeof(RecordingSteps), typeof(RecordingHooks));

    [Fact]
    public async Task Steps_are_bound_with_converted_arguments()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps(
            "Given a counter of 42", "And a name \"o'k \\\"quoted\\\"\"", "When prometheus waits 1h30m", "Then the service is not-ready",
            "Given the green light", "When a regex with 12 and abc"));

        run.Status.Should().Be(ScenarioStatus.Passed, string.Join("\n", run.Problems));
        output.Where(l => !l.StartsWith("Given") && !l.StartsWith("When") && !l.StartsWith("Then") && !l.StartsWith("And")).Should().StartWith(
            "counter 42", "name o'k \"quoted\"", "prometheus waits 01:30:00", "health NotReady", "light green", "regex 12 abc");
    }

    [Fact]
    public async Task Async_steps_are_awaited()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("When an async step", "And a value task step"));

        run.Status.Should().Be(ScenarioStatus.Passed);
        output.Should().Contain(["async done", "value task done"]);
    }

    [Fact]
    public async Task A_data_table_becomes_typed_rows_and_a_doc_string_keeps_its_media_type()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.Parse(""""
            Feature: F
              Scenario: S
                Given these services:
                  | name       | port | timeout |
                  | prometheus | 9090 | 30s     |
                  | loki       | 3100 | 2m      |
                And this table:
                  | a | b |
                  | 1 | 2 |
                And this document:
                  ```json
                  {"a": 1}
                  ```
                And this text:
                  """
                  plain
                  """
            """"));

        run.Status.Should().Be(ScenarioStatus.Passed, string.Join("\n", run.Problems));
        output.Should().Contain(["services prometheus:9090:00:00:30, loki:3100:00:02:00", "table 1x2", "doc json: {\"a\": 1}", "text plain"]);
    }

    [Fact]
    public async Task An_undefined_step_fails_naming_the_step_and_its_place_and_offers_a_snippet()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("Given a counter of 1", "When nothing binds \"this\" 5 times"));

        run.Status.Should().Be(ScenarioStatus.Failed);
        run.Steps.Select(s => s.Status).Should().Equal(StepStatus.Skipped, StepStatus.Undefined);
        output.Should().BeEmpty("nothing runs when a step is undefined");
        var failure = () => run.ThrowIfFailed();
        failure.Should().Throw<StepFailedException>()
            .WithMessage("Undefined step \"When nothing binds \"this\" 5 times\" at features/x.feature:4.*"
                + "[When(\"nothing binds {string} {int} times\")]*public void NothingBindsTimes(string string1, int int1)*");
    }

    [Fact]
    public async Task A_step_written_with_another_keyword_is_undefined_and_the_message_says_why()
    {
        var (run, _) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("Then a counter of 3"));

        run.Problems.Single().Should().Contain("[Given(\"a counter of {int}\")] RecordingSteps.Counter matches the text but binds Given steps; this is a Then step");
    }

    [Fact]
    public async Task StepDefinition_binds_every_keyword_and_And_takes_the_keyword_before_it()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps(
            "Then any keyword binds this", "Given any keyword binds this", "* any keyword binds this", "Given a counter of 1", "And a counter of 2"));

        run.Status.Should().Be(ScenarioStatus.Passed, string.Join("\n", run.Problems));
        output.Count(l => l == "any").Should().Be(3);
        output.Should().Contain("counter 2");
    }

    [Fact]
    public async Task An_ambiguous_step_fails_listing_the_candidates()
    {
        var registry = BindingRegistry.Of(typeof(RecordingSteps), typeof(DuplicateSteps));
        var (run, _) = await Scenarios.RunAsync(registry, Scenarios.WithSteps("Given a counter of 1"));

        run.Steps.Single().Status.Should().Be(StepStatus.Ambiguous);
        run.Problems.Single().Should().Contain("Ambiguous step \"Given a counter of 1\" at features/x.feature:3 matches 2 definitions")
            .And.Contain("RecordingSteps.Counter").And.Contain("DuplicateSteps.AlsoCounter");
    }

    [Fact]
    public async Task Steps_after_a_failure_are_skipped_and_after_hooks_still_run_with_the_error()
    {
        var (run, output) = await Scenarios.RunAsync(StepsAndHooks, Scenarios.WithSteps(
            "Given a counter of 1", "And a step that fails", "And a counter of 2"));

        run.Status.Should().Be(ScenarioStatus.Failed);
        run.Steps.Where(s => s.Step is not null).Select(s => s.Status)
            .Should().Equal(StepStatus.Passed, StepStatus.Failed, StepStatus.Skipped);
        run.Steps.Last().Status.Should().Be(StepStatus.Passed, "the AfterScenario hook ran");
        output.Should().NotContain("counter 2");
        output.Should().Contain("after step a step that fails", "AfterStep hooks run after a failed step");
        output.Should().Contain("after scenario, error: boom, journal: 0");
        var failure = () => run.ThrowIfFailed();
        failure.Should().Throw<StepFailedException>().WithMessage("Step \"And a step that fails\" at features/x.feature:4 failed: boom")
            .WithInnerException<InvalidOperationException>();
    }

    [Fact]
    public async Task A_failing_before_hook_skips_the_steps_and_fails_the_scenario()
    {
        var registry = BindingRegistry.Of(typeof(RecordingSteps), typeof(FailingHook), typeof(RecordingHooks));
        var (run, output) = await Scenarios.RunAsync(registry, Scenarios.WithSteps("Given a counter of 1"));

        run.Status.Should().Be(ScenarioStatus.Failed);
        run.Problems.Single().Should().Contain("[BeforeScenario] FailingHook.Fail failed for scenario \"S\" at features/x.feature:2: hook broke");
        output.Should().NotContain("counter 1").And.Contain(l => l.StartsWith("after scenario, error: hook broke"));
    }

    [Fact]
    public async Task Hooks_run_in_order_and_only_for_matching_tags()
    {
        var scenario = Scenarios.Parse("Feature: F\n  @a\n  Scenario: S\n    Given a counter of 1\n");
        var (_, output) = await Scenarios.RunAsync(StepsAndHooks, scenario);

        output.Should().Equal(
            "before scenario 1", "before scenario 2", "before a-not-b scenario",
            "Given a counter of 1", "before step a counter of 1", "counter 1", "after step a counter of 1",
            "after scenario, error: none, journal: 0", "journal disposed with 0 entries");
    }

    [Fact]
    public async Task A_hook_filtered_by_tag_runs_for_tags_inherited_from_the_feature()
    {
        var scenario = Scenarios.Parse("@loki @b\nFeature: F\n  @a\n  Scenario: S\n    Given a counter of 1\n");
        var (_, output) = await Scenarios.RunAsync(StepsAndHooks, scenario);

        output.Should().Contain("before loki scenario").And.NotContain("before a-not-b scenario");
    }

    [Fact]
    public async Task Per_scenario_objects_are_shared_by_steps_and_hooks_and_disposed_at_the_end()
    {
        var (run, output) = await Scenarios.RunAsync(StepsAndHooks, Scenarios.WithSteps("Given the journal is used", "And the journal is used"));

        run.Status.Should().Be(ScenarioStatus.Passed);
        output.Should().ContainInOrder("after scenario, error: none, journal: 2", "journal disposed with 2 entries");
    }

    [Fact]
    public async Task A_scenario_that_skips_itself_is_skipped_with_its_reason_never_passed()
    {
        var (run, output) = await Scenarios.RunAsync(StepsAndHooks, Scenarios.WithSteps("Given a step that skips the scenario", "And a counter of 1"));

        run.Status.Should().Be(ScenarioStatus.Skipped);
        run.SkipReason.Should().Be("needs loki: not available");
        run.Steps.Where(s => s.Step is not null).Select(s => s.Status).Should().Equal(StepStatus.Skipped, StepStatus.Skipped);
        output.Should().NotContain("counter 1").And.Contain("after scenario, error: none, journal: 0");
    }

    [Fact]
    public async Task With_fail_on_skip_a_scenario_that_skips_itself_fails_with_the_skip_reason()
    {
        var scenario = Scenarios.WithSteps("Given a step that skips the scenario", "And a counter of 1");
        var run = await new ScenarioRunner(StepsAndHooks, failOnSkip: true).RunAsync(scenario, TextWriter.Null);

        run.Status.Should().Be(ScenarioStatus.Failed);
        run.SkipReason.Should().BeNull();
        run.Steps.Where(s => s.Step is not null).Select(s => s.Status).Should().Equal(StepStatus.Failed, StepStatus.Skipped);
        var failure = () => run.ThrowIfFailed();
        failure.Should().Throw<Exception>().Which.Message.Should()
            .Contain("--fail-on-skip").And.Contain("needs loki: not available").And.Contain("features/x.feature:2");
    }

    [Fact]
    public async Task Output_and_attachments_are_filed_under_the_step_that_made_them()
    {
        var (run, _) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("Given a counter of 7", "And an attachment"));

        var counter = run.Steps[0].Attachments.Single();
        (counter.MediaType, counter.Text).Should().Be((ScenarioRunner.LogMediaType, "counter 7"));
        run.Steps[1].Attachments.Select(a => (a.Name, a.MediaType)).Should().Equal(("query", "text/plain"), ("image", "image/png"));
        run.Steps[1].Attachments[0].Text.Should().Be("up{job=\"x\"}");
    }

    [Fact]
    public async Task A_value_that_does_not_convert_fails_the_step_naming_value_and_type()
    {
        var (run, _) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("Then the service is sleeping"));

        run.Problems.Single().Should().Contain("Step \"Then the service is sleeping\" at features/x.feature:3 failed")
            .And.Contain("\"sleeping\" is not a valid Health: expected one of Ready, NotReady");
    }

    [Fact]
    public async Task A_step_with_a_table_bound_to_a_method_without_a_parameter_for_it_fails_before_running()
    {
        var (run, output) = await Scenarios.RunAsync(Steps, Scenarios.Parse("Feature: F\n  Scenario: S\n    Given a counter of 1\n      | a |\n"));

        run.Problems.Single().Should().Contain("the step has a data table but [Given(\"a counter of {int}\")] RecordingSteps.Counter takes no parameter for it");
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task A_dry_run_binds_every_step_and_runs_nothing()
    {
        var (run, output) = await Scenarios.RunAsync(StepsAndHooks, Scenarios.WithSteps("Given a step that fails", "Then the service is ready"), dryRun: true);

        run.Status.Should().Be(ScenarioStatus.Passed);
        run.Steps.Should().OnlyContain(s => s.Status == StepStatus.Skipped);
        output.Should().BeEmpty();
    }

    [Fact]
    public async Task A_dry_run_fails_on_undefined_steps_and_values_that_do_not_convert()
    {
        var (run, _) = await Scenarios.RunAsync(Steps, Scenarios.WithSteps("Given nothing binds this", "Then the service is sleeping"), dryRun: true);

        run.Problems.Should().HaveCount(2);
        run.Problems[0].Should().StartWith("Undefined step \"Given nothing binds this\"");
        run.Problems[1].Should().Contain("\"sleeping\" is not a valid Health");
    }

    [Fact]
    public async Task A_table_transformation_makes_the_type_the_step_asks_for()
    {
        var registry = BindingRegistry.Of(typeof(TableTransformationSteps));
        var (run, output) = await Scenarios.RunAsync(registry, Scenarios.Parse("Feature: F\n  Scenario: S\n    Given the ports\n      | port |\n      | 9090 |\n      | 3100 |\n"));

        run.Status.Should().Be(ScenarioStatus.Passed, string.Join("\n", run.Problems));
        output.Should().Contain("ports 9090,3100");
    }
}
