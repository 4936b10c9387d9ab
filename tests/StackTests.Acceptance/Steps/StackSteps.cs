using StackTests.Bdd;
using StackTests.Harness;

namespace StackTests.Acceptance.Steps;

/// <summary>Bringing the stack up, and skipping scenarios whose services it cannot supply.</summary>
[Binding]
public sealed class StackSteps(ScenarioContext scenario, StackContext context)
{
    [Given("the stack is running")]
    public async Task TheStackIsRunning()
    {
        var stack = await StackSession.GetAsync();
        var missing = scenario.Tags
            .Where(t => t.StartsWith("needs-", StringComparison.Ordinal))
            .Select(t => t["needs-".Length..])
            .Where(service => !stack.IsAvailable(service))
            .Select(service => $"{service} ({stack.Unavailable(service)})")
            .ToList();
        if (missing.Count > 0)
            scenario.Skip($"needs {string.Join(", ", missing)}: not available from the {stack.Provider} stack");
        context.Stack = stack;
        scenario.Output.WriteLine($"stack: {stack.Provider}, running {string.Join(", ", stack.RunningServices)}");
    }
}
