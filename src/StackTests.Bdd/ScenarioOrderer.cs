using Xunit.Sdk;
using Xunit.v3;

namespace StackTests.Bdd;

/// <summary>
/// Runs the scenarios of a test collection (a feature file, see ScenarioDiscoverer) in file order
/// (file, then line), after the entries that report errors.
/// Use with [TestCaseOrderer(typeof(ScenarioOrderer))] on the class holding the [Scenarios] method.
/// </summary>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase =>
        testCases.OrderBy(c => PlaceOf(Id(c)).Uri, StringComparer.Ordinal).ThenBy(c => PlaceOf(Id(c)).Line).ToList();

    /// <summary>Where a suite test's id says it is: "uri:line" for a scenario; error entries ("!...") sort first.</summary>
    public static (string Uri, int Line) PlaceOf(string? id)
    {
        if (id is null || id.StartsWith('!')) return ("", 0);
        var colon = id.LastIndexOf(':');
        return colon > 0 && int.TryParse(id[(colon + 1)..], out var line) ? (id[..colon], line) : (id, 0);
    }

    private static string? Id(ITestCase testCase) => testCase is XunitTestCase { TestMethodArguments: [string id] } ? id : null;
}
