using StackTests.Bdd;
using Xunit;

[assembly: AssemblyFixture(typeof(GherkinTestRun))]

namespace StackTests.Acceptance;

/// <summary>Every scenario of features/ as one xunit test, run with this assembly's bindings.</summary>
public sealed class Features
{
    private static GherkinSuite Suite => GherkinSuite.For(typeof(Features).Assembly);

    public static IEnumerable<TheoryDataRow<string>> Scenarios => Suite.TheoryRows();

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Scenario(string id) => Suite.RunAsync(id);
}
