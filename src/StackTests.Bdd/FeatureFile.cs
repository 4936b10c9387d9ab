using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd;

/// <summary>
/// One parsed .feature file: its text, its Gherkin document (as Cucumber messages) and its
/// scenarios. Any Gherkin language works ("# language: fr" on the first line).
/// </summary>
public sealed class FeatureFile
{
    public string Uri { get; }
    public string Source { get; }
    public GherkinDocument Document { get; }
    public IReadOnlyList<ScenarioCase> Scenarios { get; }

    private FeatureFile(string uri, string source, GherkinDocument document, IReadOnlyList<ScenarioCase> scenarios)
    {
        Uri = uri;
        Source = source;
        Document = document;
        Scenarios = scenarios;
    }

    /// <summary>Parses the text; throws Gherkin's ParserException (with line) when it does not parse.</summary>
    public static FeatureFile Parse(string uri, string text, IIdGenerator ids)
    {
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
        var steps = new Dictionary<string, Step>();
        var lines = new Dictionary<string, int>();
        Index(document.Feature, steps, lines);
        var feature = document.Feature is { } f
            ? new FeatureInfo(f.Name, uri, f.Tags.Select(t => t.Name.TrimStart('@')).ToList(), f.Description?.Trim() ?? "", f.Language)
            : new FeatureInfo(Path.GetFileNameWithoutExtension(uri), uri, [], "", "en");
        var scenarios = new PickleCompiler(ids).Compile(document)
            .Select(pickle =>
            {
                // An outline row's pickle points at the scenario and then at its Examples row.
                var line = lines[pickle.AstNodeIds[^1]];
                return new ScenarioCase(
                    $"{uri}:{line}",
                    feature,
                    pickle.Name,
                    uri,
                    line,
                    pickle.Tags.Select(t => t.Name.TrimStart('@')).ToList(),
                    pickle.Steps.Select(s =>
                    {
                        var step = steps[s.AstNodeIds[0]];
                        return new ScenarioStep(step.Keyword.Trim(), s.Text, (int)step.Location.Line, KindOf(s.Type), s.Argument, s.Id);
                    }).ToList(),
                    pickle);
            })
            .ToList();
        return new FeatureFile(uri, text, document, scenarios);
    }

    private static StepKind KindOf(PickleStepType type) => type switch
    {
        PickleStepType.CONTEXT => StepKind.Given,
        PickleStepType.ACTION => StepKind.When,
        PickleStepType.OUTCOME => StepKind.Then,
        _ => StepKind.Any,
    };

    // Steps by id, and the line of every scenario and examples row by id.
    private static void Index(Feature? feature, Dictionary<string, Step> steps, Dictionary<string, int> lines)
    {
        void Add(IEnumerable<Step> list)
        {
            foreach (var step in list) steps[step.Id] = step;
        }
        void AddScenario(Scenario scenario)
        {
            lines[scenario.Id] = (int)scenario.Location.Line;
            Add(scenario.Steps);
            foreach (var row in scenario.Examples.SelectMany(e => e.TableBody)) lines[row.Id] = (int)row.Location.Line;
        }
        foreach (var child in feature?.Children ?? [])
        {
            if (child.Background is { } background) Add(background.Steps);
            if (child.Scenario is { } scenario) AddScenario(scenario);
            foreach (var ruleChild in child.Rule?.Children ?? [])
            {
                if (ruleChild.Background is { } ruleBackground) Add(ruleBackground.Steps);
                if (ruleChild.Scenario is { } ruleScenario) AddScenario(ruleScenario);
            }
        }
    }
}
