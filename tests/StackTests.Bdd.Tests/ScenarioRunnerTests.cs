using StackTests.Bdd;

namespace StackTests.Bdd.Tests;

[Binding]
public sealed class SampleSteps(ScenarioContext context)
{
    public static readonly List<string> Calls = [];

    [Given("a counter of {int}")]
    public void Counter(int value) => Calls.Add($"{context.Title}:{value}");

    [Given("a name {string}")]
    public void Name(string name) => Calls.Add(name);

    [Given("a step that fails")]
    public void Fails() => throw new InvalidOperationException("boom");
}

public sealed class ScenarioRunnerTests
{
    private static readonly BindingRegistry Registry = BindingRegistry.Of(typeof(SampleSteps));

    private static ScenarioCase Scenario(string steps) =>
        FeatureSet.Compile("features/x.feature", $"Feature: F\n  Scenario: S\n{steps}").Single();

    [Fact]
    public async Task Steps_are_bound_with_converted_arguments()
    {
        SampleSteps.Calls.Clear();
        (await new ScenarioRunner(Registry).RunAsync(Scenario("    Given a counter of 42\n    And a name \"ok\"\n"), TextWriter.Null)).ThrowIfFailed();
        SampleSteps.Calls.Should().Equal("S:42", "ok");
    }

    [Fact]
    public async Task An_undefined_step_fails_naming_the_step_and_its_place()
    {
        var run = async () => (await new ScenarioRunner(Registry).RunAsync(Scenario("    Given a counter of 1\n    When nothing binds this\n"), TextWriter.Null)).ThrowIfFailed();
        (await run.Should().ThrowAsync<StepFailedException>())
            .WithMessage("Undefined step \"When nothing binds this\" at features/x.feature:4.*[When(\"nothing binds this\")]*");
    }

    [Fact]
    public async Task A_failing_step_names_its_place_and_the_cause()
    {
        var run = async () => (await new ScenarioRunner(Registry).RunAsync(Scenario("    Given a step that fails\n"), TextWriter.Null)).ThrowIfFailed();
        (await run.Should().ThrowAsync<StepFailedException>())
            .WithMessage("Step \"Given a step that fails\" at features/x.feature:3 failed: boom");
    }
}
