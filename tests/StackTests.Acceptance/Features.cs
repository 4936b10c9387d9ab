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
    // Each scenario's own log of the services that answered it (its evidence, ScenarioEvidence.cs).
    [Scenarios]
    public Task Scenario(string id)
    {
        ServiceCalls.Begin();
        return GherkinSuite.For(typeof(Features).Assembly).RunAsync(id);
    }
}
