namespace StackTests.Bdd;

/// <summary>What a step can know about, and do to, the scenario it runs in.</summary>
public sealed class ScenarioContext(ScenarioCase scenario, TextWriter output)
{
    public ScenarioCase Scenario { get; } = scenario;
    public string Title => Scenario.Name;
    public IReadOnlyList<string> Tags => Scenario.Tags;
    public TextWriter Output { get; } = output;

    /// <summary>Ends the scenario as skipped; the reason is reported with it.</summary>
    public void Skip(string reason) => throw new ScenarioSkippedException(reason);
}

/// <summary>Thrown to skip the running scenario; never reported as a pass.</summary>
public sealed class ScenarioSkippedException(string reason) : Exception(reason);
