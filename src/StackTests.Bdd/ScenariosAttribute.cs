using System.Runtime.CompilerServices;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace StackTests.Bdd;

/// <summary>
/// Put on a test method taking the scenario id (string) that calls GherkinSuite.RunAsync: xunit then
/// lists one test per scenario of features/, named "Feature: Scenario [file:line]", with the
/// scenario's tags as "Category" traits and @ignore scenarios skipped.
/// </summary>
[XunitTestCaseDiscoverer(typeof(ScenarioDiscoverer))]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenariosAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
    : FactAttribute(sourceFilePath, sourceLineNumber);

/// <summary>Turns the tests of the suite of the method's assembly into xunit test cases.</summary>
public sealed class ScenarioDiscoverer : IXunitTestCaseDiscoverer
{
    public ValueTask<IReadOnlyCollection<IXunitTestCase>> Discover(
        ITestFrameworkDiscoveryOptions discoveryOptions, IXunitTestMethod testMethod, IFactAttribute factAttribute)
    {
        IReadOnlyCollection<IXunitTestCase> cases;
        try
        {
            var suite = GherkinSuite.For(testMethod.Method.DeclaringType!.Assembly);
            cases = suite.Tests().Select(test => Create(testMethod, test)).ToList();
        }
        catch (FeatureFileException e)
        {
            cases = [new ExecutionErrorTestCase(testMethod, "Features folder error", UniqueId(testMethod, "!folder"), null, null, e.Message)];
        }
        return new(cases);
    }

    /// <summary>Scenarios tagged @serial (they disturb the shared stack, e.g. restart a service) run alone, after the others.</summary>
    public const string SerialTag = "serial";

    private static IXunitTestCase Create(IXunitTestMethod testMethod, SuiteTest test)
    {
        testMethod = InCollectionOf(testMethod, test);
        var id = UniqueId(testMethod, test.Id);
        if (test.Error is not null) return new ExecutionErrorTestCase(testMethod, test.DisplayName, id, null, null, test.Error);
        var traits = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        if (test.Tags.Count > 0) traits["Category"] = new HashSet<string>(test.Tags, StringComparer.OrdinalIgnoreCase);
        return new XunitTestCase(testMethod, test.DisplayName, id, @explicit: false, skipExceptions: null, test.SkipReason,
            skipType: null, skipUnless: null, skipWhen: null, traits, testMethodArguments: [test.Id],
            sourceFilePath: null, sourceLineNumber: null, timeout: null);
    }

    // One xunit collection per feature file, so that features run side by side while the scenarios
    // of a feature run in order; @serial scenarios share one collection that runs without parallelism.
    private static IXunitTestMethod InCollectionOf(IXunitTestMethod testMethod, SuiteTest test)
    {
        if (test.Error is not null) return testMethod;
        var serial = test.Tags.Contains(SerialTag);
        var name = serial ? "Scenarios tagged @serial" : $"Feature file {ScenarioOrderer.PlaceOf(test.Id).Uri}";
        var assembly = testMethod.TestClass.TestCollection.TestAssembly;
        var collection = new XunitTestCollection(assembly, null, serial, name, UniqueIDGenerator.ForTestCollection(assembly.UniqueID, name, null));
        var testClass = new XunitTestClass(testMethod.TestClass.Class, collection, null);
        return new XunitTestMethod(testClass, testMethod.Method, testMethod.TestMethodArguments, null);
    }

    private static string UniqueId(IXunitTestMethod testMethod, string testId) =>
        UniqueIDGenerator.ForTestCase(testMethod.UniqueID, null, [testId]);
}
