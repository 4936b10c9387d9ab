using Xunit;

[assembly: AssemblyFixture(typeof(GherkinTestRun))]

namespace StackTests.Acceptance;

/// <summary>
/// Every scenario of features/ as one xunit test, with this assembly's bindings: features side by
/// side, each feature's scenarios in file order, @serial scenarios alone at the end.
/// </summary>
[TestCaseOrderer(typeof(ScenarioOrderer))]
public sealed class Features
{
    [Scenarios]
    public Task Scenario(string id) => GherkinSuite.For(typeof(Features).Assembly).RunAsync(id);
}
