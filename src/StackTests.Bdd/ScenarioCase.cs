using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd;

/// <summary>One runnable scenario (a Gherkin pickle: an outline row is one) with where it came from.</summary>
public sealed record ScenarioCase(
    string Id,
    FeatureInfo Feature,
    string Name,
    string Uri,
    int Line,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ScenarioStep> Steps,
    Pickle Pickle)
{
    public string FeatureName => Feature.Name;
    public string DisplayName => $"{Feature.Name}: {Name} [{Uri}:{Line}]";
    public string Location => $"{Uri}:{Line}";
}

/// <summary>A feature as scenarios see it: name, file, its own tags (without @), description.</summary>
public sealed record FeatureInfo(string Name, string Uri, IReadOnlyList<string> Tags, string Description, string Language);

/// <summary>
/// One step of a scenario: keyword as written (in the feature's language), text, its line in the
/// feature file, the kind of keyword it counts as (And/But take the one before), and its data table or doc string.
/// </summary>
public sealed record ScenarioStep(string Keyword, string Text, int Line, StepKind Kind, PickleStepArgument? Argument, string PickleStepId = "")
{
    public DataTable? DataTable => Argument?.DataTable is { } table
        ? new DataTable(table.Rows.Select(r => (IReadOnlyList<string>)r.Cells.Select(c => c.Value).ToList()).ToList())
        : null;

    public DocString? DocString => Argument?.DocString is { } doc ? new DocString(doc.Content, NullIfEmpty(doc.MediaType)) : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public override string ToString() => $"{Keyword} {Text}";
}
