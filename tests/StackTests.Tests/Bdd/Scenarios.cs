using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

/// <summary>Helpers to write a scenario inline and run it with chosen bindings.</summary>
internal static class Scenarios
{
    public static ScenarioCase Parse(string gherkin) => FeatureSet.Compile("features/x.feature", gherkin).Single();

    /// <summary>A scenario "S" of feature "F" with these steps (one per line).</summary>
    public static ScenarioCase WithSteps(params string[] steps) =>
        Parse("Feature: F\n  Scenario: S\n" + string.Concat(steps.Select(s => $"    {s}\n")));

    public static async Task<(ScenarioRun Run, List<string> Output)> RunAsync(
        BindingRegistry registry, ScenarioCase scenario, bool dryRun = false)
    {
        var output = new StringWriter();
        var run = await new ScenarioRunner(registry, dryRun).RunAsync(scenario, output);
        return (run, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList());
    }
}
