using System.Collections.Concurrent;
using System.Reflection;
using Xunit;

namespace StackTests.Bdd;

/// <summary>
/// The scenarios of a features folder as xunit.v3 theory rows, and the runner that executes them
/// with the bindings of one test assembly. The folder is STACKTESTS_FEATURES, or the nearest
/// "features" folder above the test binaries.
/// </summary>
public sealed class GherkinSuite
{
    private static readonly ConcurrentDictionary<Assembly, Lazy<GherkinSuite>> Suites = new();

    private readonly Lazy<BindingRegistry> _registry;
    private readonly Lazy<Task> _beforeTestRun;
    private readonly Dictionary<string, ScenarioCase> _scenarios;

    public FeatureSet Features { get; }

    private GherkinSuite(Assembly bindings)
    {
        var folder = FindFeaturesFolder();
        Features = FeatureSet.Load(folder, Path.GetDirectoryName(folder)!);
        _scenarios = Features.Scenarios.ToDictionary(s => s.Id);
        _registry = new Lazy<BindingRegistry>(() => new BindingRegistry([bindings]));
        _beforeTestRun = new Lazy<Task>(() => RunHooksAsync(_registry.Value.BeforeTestRun));
    }

    public static GherkinSuite For(Assembly bindings) =>
        Suites.GetOrAdd(bindings, a => new Lazy<GherkinSuite>(() => new GherkinSuite(a))).Value;

    /// <summary>One row per scenario, plus one failing row per feature file that does not parse.</summary>
    public IEnumerable<TheoryDataRow<string>> TheoryRows()
    {
        foreach (var error in Features.Errors)
            yield return new TheoryDataRow<string>(ErrorId(error)) { TestDisplayName = $"Feature file error [{error.Uri}:{error.Line}]" };
        foreach (var scenario in Features.Scenarios)
        {
            var row = new TheoryDataRow<string>(scenario.Id) { TestDisplayName = scenario.DisplayName };
            foreach (var tag in scenario.Tags) row.WithTrait("Category", tag);
            if (scenario.Tags.Contains("ignore")) row.Skip = "tagged @ignore";
            yield return row;
        }
    }

    public async Task RunAsync(string id)
    {
        var error = Features.Errors.FirstOrDefault(e => ErrorId(e) == id);
        if (error is not null) throw new FeatureFileException(error.ToString());
        if (!_scenarios.TryGetValue(id, out var scenario))
            throw new FeatureFileException($"scenario {id} is no longer in the features folder; rebuild and run again");

        await _beforeTestRun.Value;
        var output = new TestOutputWriter();
        try { await new ScenarioRunner(_registry.Value).RunAsync(scenario, output); }
        catch (ScenarioSkippedException skipped) { Assert.Skip(skipped.Message); }
    }

    /// <summary>Runs the [AfterTestRun] hooks of every suite that ran a scenario.</summary>
    internal static async Task RunAfterTestRunHooksAsync()
    {
        foreach (var suite in Suites.Values.Where(s => s.IsValueCreated).Select(s => s.Value))
            if (suite._beforeTestRun.IsValueCreated)
                await RunHooksAsync(suite._registry.Value.AfterTestRun);
    }

    private static async Task RunHooksAsync(IEnumerable<MethodInfo> hooks)
    {
        foreach (var hook in hooks)
        {
            var result = hook.Invoke(null, null);
            if (result is Task task) await task;
        }
    }

    private static string ErrorId(FeatureError error) => $"!{error.Uri}:{error.Line}";

    private static string FindFeaturesFolder()
    {
        if (Environment.GetEnvironmentVariable("STACKTESTS_FEATURES") is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "features");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new FeatureFileException($"no 'features' folder above {AppContext.BaseDirectory}; set STACKTESTS_FEATURES");
    }
}

/// <summary>A features folder or file that cannot be used.</summary>
public sealed class FeatureFileException(string message) : Exception(message);
