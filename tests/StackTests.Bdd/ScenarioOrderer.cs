using Xunit.Sdk;
using Xunit.v3;

namespace StackTests.Bdd;

/// <summary>
/// Runs scenarios in file order (file, then line), after the entries that report errors, so that
/// each feature's scenarios run together between its BeforeFeature and AfterFeature hooks.
/// Use with [TestCaseOrderer(typeof(ScenarioOrderer))] on the class holding the [Scenarios] method.
/// </summary>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(c => Place(c).Uri, StringComparer.Ordinal).ThenBy(c => Place(c).Line).ToList();

    // A scenario's id is "uri:line"; error entries (ids starting with '!') and other tests come first.
    private static (string Uri, int Line) Place(ITestCase testCase)
    {
        if (testCase is not XunitTestCase { TestMethodArguments: [string id] } || id.StartsWith('!')) return ("", 0);
        var colon = id.LastIndexOf(':');
        return colon > 0 && int.TryParse(id[(colon + 1)..], out var line) ? (id[..colon], line) : (id, 0);
    }
}
