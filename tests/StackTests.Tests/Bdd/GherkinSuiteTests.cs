using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

/// <summary>A features folder on disk run as a suite, the way the Acceptance assembly runs features/.</summary>
public sealed class GherkinSuiteTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("stacktests-bdd-");

    public GherkinSuiteTests()
    {
        Directory.CreateDirectory(Path.Combine(_root.FullName, "features"));
        File.WriteAllText(Path.Combine(_root.FullName, "features", "suite.feature"), """
            @a
            Feature: Suite
              Scenario: Passes
                Given a counter of 1

              @b
              Scenario: Tagged b
                Given a counter of 2

              @ignore
              Scenario: Ignored
                Given a counter of 3

              Scenario: Skips
                Given a step that skips the scenario

              Scenario: Fails
                Given a step that fails
            """);
        File.WriteAllText(Path.Combine(_root.FullName, "features", "broken.feature"), "Feature: Broken\n  Scenario: S\n    Given x\n    not a step\n    nor this\n");
    }

    private GherkinSuite Suite(string tags = "", bool dryRun = false, params Type[] bindings) => new(
        BindingRegistry.Of(bindings.Length > 0 ? bindings : [typeof(RecordingSteps)]),
        new RunSettings(Path.Combine(_root.FullName, "features"), tags, dryRun, Path.Combine(_root.FullName, "artifacts")));

    [Fact]
    public void Each_scenario_is_a_test_named_with_feature_scenario_and_place_with_its_tags()
    {
        var tests = Suite().Tests().ToList();

        tests.Select(t => t.DisplayName).Should().Equal(
            "Feature file error [features/broken.feature:4]",
            "Suite: Passes [features/suite.feature:3]",
            "Suite: Tagged b [features/suite.feature:7]",
            "Suite: Ignored [features/suite.feature:11]",
            "Suite: Skips [features/suite.feature:14]",
            "Suite: Fails [features/suite.feature:17]");
        tests[0].Error.Should().StartWith("features/broken.feature:4: ").And.Contain("\nfeatures/broken.feature:5: ", "one test lists every problem of a file");
        tests[2].Tags.Should().Equal("a", "b");
        tests[3].SkipReason.Should().Be("tagged @ignore");
    }

    [Fact]
    public void A_tag_expression_selects_scenarios()
    {
        Suite("@a and not @b and not @ignore").Tests().Where(t => t.Error is null).Select(t => t.DisplayName)
            .Should().Equal("Suite: Passes [features/suite.feature:3]", "Suite: Skips [features/suite.feature:14]", "Suite: Fails [features/suite.feature:17]");
        Suite("@b or @ignore").Tests().Count(t => t.Error is null).Should().Be(2);
    }

    [Fact]
    public void A_tag_expression_that_does_not_parse_is_a_failing_test() =>
        Suite("@a and").Tests().First().Should().Match<SuiteTest>(t => t.DisplayName == "Tag expression error" && t.Error!.Contains("expected a tag"));

    [Fact]
    public void Binding_errors_are_one_failing_test_listing_them_all() =>
        Suite(bindings: [typeof(RecordingSteps), typeof(BadBindings)]).Tests()
            .Single(t => t.DisplayName == "Binding errors [6]").Error.Should().Contain("WrongCount").And.Contain("NotStatic");

    [Fact]
    public async Task Scenarios_pass_fail_and_skip_through_xunit_and_the_report_is_written_at_the_end()
    {
        var suite = Suite();

        await suite.RunAsync("features/suite.feature:3");
        var fail = () => suite.RunAsync("features/suite.feature:17");
        (await fail.Should().ThrowAsync<StepFailedException>()).WithMessage("Step \"Given a step that fails\" at features/suite.feature:18 failed: boom");
        var skip = () => suite.RunAsync("features/suite.feature:14");
        (await skip.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("needs loki: not available");
        await suite.FinishAsync();

        var report = Ndjson.Parse(File.ReadAllText(Path.Combine(_root.FullName, "artifacts", "cucumber.ndjson")));
        report.Of("testCase").Should().HaveCount(3);
        report.Of("pickle").Select(p => p.Str("name")).Should().Equal("Passes", "Skips", "Fails");
    }

    [Fact]
    public async Task A_dry_run_binds_without_running_and_fails_only_on_unbound_steps()
    {
        var suite = Suite(dryRun: true);

        await suite.RunAsync("features/suite.feature:17");
        suite.Tests().Single(t => t.DisplayName.Contains("Ignored")).SkipReason.Should().BeNull("a dry run checks @ignore scenarios too");
        var unbound = Suite(dryRun: true, bindings: typeof(DuplicateSteps));
        var run = () => unbound.RunAsync("features/suite.feature:14");
        (await run.Should().ThrowAsync<StepFailedException>()).WithMessage("Undefined step \"Given a step that skips the scenario\"*");
        await suite.FinishAsync();
        File.Exists(Path.Combine(_root.FullName, "artifacts", "cucumber.ndjson")).Should().BeFalse("a dry run writes no report");
    }

    [Fact]
    public async Task Test_run_and_feature_hooks_run_once_around_each_feature_in_file_order()
    {
        var features = Path.Combine(_root.FullName, "lifecycle");
        Directory.CreateDirectory(features);
        File.WriteAllText(Path.Combine(features, "1.feature"), "Feature: First\n  Scenario: A\n    Given a lifecycle step\n  Scenario: B\n    Given a lifecycle step\n");
        File.WriteAllText(Path.Combine(features, "2.feature"), "@second\nFeature: Second\n  Scenario: C\n    Given a lifecycle step\n");
        var suite = new GherkinSuite(BindingRegistry.Of(typeof(LifecycleHooks)), new RunSettings(features, "", false, Path.Combine(_root.FullName, "out")));
        LifecycleHooks.Calls.Clear();

        foreach (var test in suite.Tests()) await suite.RunAsync(test.Id);
        await suite.FinishAsync();

        LifecycleHooks.Calls.Should().Equal(
            "before test run", "before feature First", "step", "step", "after feature First (any)",
            "before feature Second", "step", "after feature Second", "after feature Second (any)", "after test run");
        var report = Ndjson.Parse(File.ReadAllText(Path.Combine(_root.FullName, "out", "cucumber.ndjson")));
        var types = report.Messages.Select(m => m.Type).ToList();
        types.Should().ContainInOrder("testRunStarted", "testRunHookStarted", "testRunHookFinished", "testCase", "testRunHookStarted", "testRunHookFinished", "testRunFinished");
        report.Of("testRunHookFinished").Should().OnlyContain(f => f.GetProperty("result").Str("status") == "PASSED");
    }

    [Fact]
    public async Task Features_running_side_by_side_each_get_their_hooks_once_and_end_after_their_last_scenario()
    {
        var features = Path.Combine(_root.FullName, "interleaved");
        Directory.CreateDirectory(features);
        File.WriteAllText(Path.Combine(features, "1.feature"), "Feature: First\n  Scenario: A\n    Given a lifecycle step\n  Scenario: B\n    Given a lifecycle step\n");
        File.WriteAllText(Path.Combine(features, "2.feature"), "@second\nFeature: Second\n  Scenario: C\n    Given a lifecycle step\n");
        var suite = new GherkinSuite(BindingRegistry.Of(typeof(LifecycleHooks)), new RunSettings(features, "", false, Path.Combine(_root.FullName, "out")));
        LifecycleHooks.Calls.Clear();

        // As two xunit collections would interleave them: First's A, then Second's C, then First's B.
        await suite.RunAsync("interleaved/1.feature:2");
        await suite.RunAsync("interleaved/2.feature:3");
        await suite.RunAsync("interleaved/1.feature:4");
        await suite.FinishAsync();

        LifecycleHooks.Calls.Should().Equal(
            "before test run", "before feature First", "step",
            "before feature Second", "step", "after feature Second", "after feature Second (any)",
            "step", "after feature First (any)", "after test run");
    }

    public void Dispose() => _root.Delete(recursive: true);
}
