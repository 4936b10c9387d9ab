using Gherkin;
using Gherkin.CucumberMessages;

namespace StackTests.Bdd;

/// <summary>
/// Every .feature file under one folder. A file that does not parse becomes a FeatureError naming
/// file and line, so that no scenario is silently lost. Ids are unique across all files.
/// </summary>
public sealed class FeatureSet
{
    public IReadOnlyList<FeatureFile> Files { get; }
    public IReadOnlyList<ScenarioCase> Scenarios { get; }
    public IReadOnlyList<FeatureError> Errors { get; }

    private FeatureSet(IReadOnlyList<FeatureFile> files, IReadOnlyList<FeatureError> errors)
    {
        Files = files;
        Scenarios = files.SelectMany(f => f.Scenarios).ToList();
        Errors = errors;
    }

    public static FeatureSet Load(string featuresDirectory, string relativeTo)
    {
        if (!Directory.Exists(featuresDirectory))
            return new FeatureSet([], [new FeatureError(featuresDirectory, 0, "features folder not found")]);
        var files = Directory.EnumerateFiles(featuresDirectory, "*.feature", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(relativeTo, file).Replace('\\', '/'), File.ReadAllText(file)));
        return FromTexts(files);
    }

    /// <summary>Feature files given as (uri, text) pairs.</summary>
    public static FeatureSet FromTexts(IEnumerable<(string Uri, string Text)> texts)
    {
        var ids = new IncrementingIdGenerator();
        var files = new List<FeatureFile>();
        var errors = new List<FeatureError>();
        foreach (var (uri, text) in texts)
        {
            try { files.Add(FeatureFile.Parse(uri, text, ids)); }
            catch (CompositeParserException e)
            {
                errors.AddRange(e.Errors.Select(inner => new FeatureError(uri, inner.Location?.Line ?? 0, Describe(inner))));
            }
            catch (ParserException e) { errors.Add(new FeatureError(uri, e.Location?.Line ?? 0, Describe(e))); }
        }
        return new FeatureSet(files, errors);
    }

    /// <summary>The scenarios of one feature text (throws when it does not parse).</summary>
    public static IReadOnlyList<ScenarioCase> Compile(string uri, string text) =>
        FeatureFile.Parse(uri, text, new IncrementingIdGenerator()).Scenarios;

    private static string Describe(ParserException e)
    {
        // Gherkin prefixes its messages with "(line:col): "; we print file:line ourselves.
        var message = e.Message;
        return message.StartsWith('(') && message.IndexOf("): ", StringComparison.Ordinal) is var end and > 0
            ? message[(end + 3)..]
            : message;
    }
}

/// <summary>A feature file that does not parse, with the place of the problem.</summary>
public sealed record FeatureError(string Uri, int Line, string Message)
{
    public override string ToString() => $"{Uri}:{Line}: {Message}";
}
