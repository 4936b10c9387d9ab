using Xunit;

[assembly: AssemblyFixture(typeof(GherkinTestRun))]

namespace StackTests.Acceptance;

/// <summary>Every scenario of features/ as one xunit test, run in file order with this assembly's bindings.</summary>
[TestCaseOrderer(typeof(ScenarioOrderer))]
public sealed class Features
{
    [Scenarios]
    public Task Scenario(string id) => GherkinSuite.For(typeof(Features).Assembly).RunAsync(id);
}
