using Xunit;

namespace StackTests.Bdd;

/// <summary>
/// The test run's lifetime: register with [assembly: AssemblyFixture(typeof(GherkinTestRun))]
/// so that AfterFeature and AfterTestRun hooks run once after the last scenario, whatever the
/// outcome, and the Cucumber messages report is written.
/// </summary>
public sealed class GherkinTestRun : IAsyncLifetime
{
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await GherkinSuite.FinishAllAsync();
}
