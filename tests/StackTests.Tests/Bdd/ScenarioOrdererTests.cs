using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class ScenarioOrdererTests
{
    [Fact]
    public void Scenarios_sort_by_file_then_line_after_error_entries()
    {
        string[] ids = ["features/b.feature:3", "features/a.feature:10", "!bindings", "features/a.feature:9"];

        ids.OrderBy(id => ScenarioOrderer.PlaceOf(id).Uri, StringComparer.Ordinal).ThenBy(id => ScenarioOrderer.PlaceOf(id).Line)
            .Should().Equal("!bindings", "features/a.feature:9", "features/a.feature:10", "features/b.feature:3");
    }
}
