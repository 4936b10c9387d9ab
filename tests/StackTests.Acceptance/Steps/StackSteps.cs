
namespace StackTests.Acceptance.Steps;

/// <summary>
/// Bringing the stack up, and skipping scenarios it cannot serve. A scenario names what it needs
/// with tags: @needs-SERVICE for a compose service, @needs-containers for a container engine
/// (a scenario that starts containers of its own).
/// </summary>
[Binding]
public sealed class StackSteps(ScenarioContext scenario, StackContext context)
{
    private const string NeedsPrefix = "needs-";

    [Given("the stack is running")]
    public async Task TheStackIsRunning()
    {
        var stack = await StackSession.GetAsync();
        var missing = scenario.Tags
            .Where(t => t.StartsWith(NeedsPrefix, StringComparison.Ordinal))
            .Select(t => t[NeedsPrefix.Length..])
            .Select(need => need == "containers"
                ? stack.Provider is "testcontainers" or "compose" ? null : "containers (the stack provider starts no containers)"
                : stack.IsAvailable(need) ? null : $"{need} ({stack.Unavailable(need)})")
            .OfType<string>()
            .ToList();
        if (missing.Count > 0)
            scenario.Skip($"needs {string.Join(", ", missing)}: not available from the {stack.Provider} stack; " +
                          "use --stack testcontainers, compose or external for the whole stack");
        context.Stack = stack;
        scenario.Output.WriteLine($"stack: {stack.Provider}, running {string.Join(", ", stack.RunningServices)}");
    }
}
