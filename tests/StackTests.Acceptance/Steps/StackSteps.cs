namespace StackTests.Acceptance.Steps;

/// <summary>
/// Bringing the stack up, and skipping scenarios it cannot serve. A scenario names what it needs
/// with tags (ScenarioNeeds); a hook decides before any step runs, so a scenario is skipped with
/// its reason whatever its steps are.
/// </summary>
[Binding]
public sealed class StackSteps(ScenarioContext scenario, StackContext context)
{
    [BeforeScenario(Order = 0)]
    public async Task SkipWhatTheStackCannotServe()
    {
        if (ScenarioNeeds.Of(scenario.Tags).Count == 0) return;
        var stack = await StackSession.GetAsync();
        var missing = ScenarioNeeds.Missing(scenario.Tags, stack);
        // One line for the scenario, then each missing need on its own line: a run that skips
        // everything lists each cause once (the engine's skip-causes.txt), not once per scenario.
        if (missing.Count > 0)
            scenario.Skip($"needs {string.Join(", ", missing)}: not available from the {stack.Provider} stack" +
                          string.Concat(missing.Select(m => $"\n{m}: not available from the {stack.Provider} stack")));
    }

    [Given("the stack is running")]
    public async Task TheStackIsRunning()
    {
        var stack = await StackSession.GetAsync();
        context.Stack = stack;
        scenario.Output.WriteLine($"stack: {stack.Provider}, running {string.Join(", ", stack.RunningServices)}");
    }
}
