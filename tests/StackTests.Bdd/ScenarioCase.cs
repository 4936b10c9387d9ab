using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd;

/// <summary>One runnable scenario (a Gherkin pickle) with where it came from.</summary>
public sealed record ScenarioCase(
    string Id,
    string FeatureName,
    string Name,
    string Uri,
    int Line,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ScenarioStep> Steps)
{
    public string DisplayName => $"{FeatureName}: {Name} [{Uri}:{Line}]";
}

/// <summary>One step of a scenario: keyword as written, text, and its line in the feature file.</summary>
public sealed record ScenarioStep(string Keyword, string Text, int Line, PickleStepArgument? Argument);
