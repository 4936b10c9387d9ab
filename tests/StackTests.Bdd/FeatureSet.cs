using Gherkin;
using Gherkin.CucumberMessages;
using Gherkin.CucumberMessages.Pickles;
using Io.Cucumber.Messages.Types;

namespace StackTests.Bdd;

/// <summary>
/// Every scenario of every .feature file under one folder. A file that does not parse becomes a
/// failing entry naming file and line, so that no scenario is silently lost.
/// </summary>
public sealed class FeatureSet
{
    public IReadOnlyList<ScenarioCase> Scenarios { get; }
    public IReadOnlyList<FeatureError> Errors { get; }

    private FeatureSet(IReadOnlyList<ScenarioCase> scenarios, IReadOnlyList<FeatureError> errors)
    {
        Scenarios = scenarios;
        Errors = errors;
    }

    public static FeatureSet Load(string featuresDirectory, string relativeTo)
    {
        var scenarios = new List<ScenarioCase>();
        var errors = new List<FeatureError>();
        if (!Directory.Exists(featuresDirectory))
        {
            errors.Add(new FeatureError(featuresDirectory, 0, "features folder not found"));
            return new FeatureSet(scenarios, errors);
        }
        foreach (var file in Directory.EnumerateFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var uri = Path.GetRelativePath(relativeTo, file).Replace('\\', '/');
            try { scenarios.AddRange(Compile(uri, File.ReadAllText(file))); }
            catch (CompositeParserException e)
            {
                errors.AddRange(e.Errors.Select(inner => new FeatureError(uri, inner.Location?.Line ?? 0, Describe(inner))));
            }
            catch (ParserException e) { errors.Add(new FeatureError(uri, e.Location?.Line ?? 0, Describe(e))); }
        }
        return new FeatureSet(scenarios, errors);
    }

    private static string Describe(ParserException e)
    {
        // Gherkin prefixes its messages with "(line:col): "; we print file:line ourselves.
        var message = e.Message;
        return message.StartsWith('(') && message.IndexOf("): ", StringComparison.Ordinal) is var end and > 0
            ? message[(end + 3)..]
            : message;
    }

    public static IReadOnlyList<ScenarioCase> Compile(string uri, string text)
    {
        var ids = new IncrementingIdGenerator();
        var ast = new Parser().Parse(new StringReader(text));
        var document = new AstMessagesConverter(ids).ConvertGherkinDocumentToEventArgs(ast, uri);
        var stepLines = new Dictionary<string, (int Line, string Keyword)>();
        CollectSteps(document.Feature, stepLines);
        var featureName = document.Feature?.Name ?? Path.GetFileNameWithoutExtension(uri);
        return new PickleCompiler(ids).Compile(document)
            .Select(pickle =>
            {
                var line = PickleLine(document, pickle);
                return new ScenarioCase(
                    $"{uri}:{line}",
                    featureName,
                    pickle.Name,
                    uri,
                    line,
                    pickle.Tags.Select(t => t.Name.TrimStart('@')).ToList(),
                    pickle.Steps.Select(s =>
                    {
                        var (stepLine, keyword) = stepLines[s.AstNodeIds[0]];
                        return new ScenarioStep(keyword, s.Text, stepLine, s.Argument);
                    }).ToList());
            })
            .ToList();
    }

    // An outline's pickle points at its Examples row; a plain scenario's at the scenario.
    private static int PickleLine(GherkinDocument document, Pickle pickle)
    {
        var rows = new Dictionary<string, int>();
        var scenarios = new Dictionary<string, int>();
        foreach (var scenario in AllScenarios(document.Feature))
        {
            scenarios[scenario.Id] = (int)scenario.Location.Line;
            foreach (var row in scenario.Examples.SelectMany(e => e.TableBody))
                rows[row.Id] = (int)row.Location.Line;
        }
        return pickle.AstNodeIds.Count > 1 && rows.TryGetValue(pickle.AstNodeIds[^1], out var rowLine)
            ? rowLine
            : scenarios[pickle.AstNodeIds[0]];
    }

    private static IEnumerable<Scenario> AllScenarios(Feature? feature) =>
        feature?.Children.SelectMany(child =>
            child.Scenario is { } s ? [s]
            : child.Rule is { } rule ? rule.Children.Where(c => c.Scenario is not null).Select(c => c.Scenario)
            : []) ?? [];

    private static void CollectSteps(Feature? feature, Dictionary<string, (int, string)> steps)
    {
        void Add(IEnumerable<Step> list)
        {
            foreach (var step in list) steps[step.Id] = ((int)step.Location.Line, step.Keyword.Trim());
        }
        foreach (var child in feature?.Children ?? [])
        {
            if (child.Background is { } b) Add(b.Steps);
            if (child.Scenario is { } s) Add(s.Steps);
            foreach (var ruleChild in child.Rule?.Children ?? [])
            {
                if (ruleChild.Background is { } rb) Add(rb.Steps);
                if (ruleChild.Scenario is { } rs) Add(rs.Steps);
            }
        }
    }
}

/// <summary>A feature file that does not parse, with the place of the problem.</summary>
public sealed record FeatureError(string Uri, int Line, string Message)
{
    public override string ToString() => $"{Uri}:{Line}: {Message}";
}
