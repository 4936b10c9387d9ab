using StackTests.Bdd;

namespace StackTests.Bdd.Tests;

public sealed class FeatureSetTests
{
    [Fact]
    public void Outline_rows_become_scenarios_named_after_the_row_line()
    {
        var scenarios = FeatureSet.Compile("features/a.feature", """
            Feature: F
              Scenario Outline: O <n>
                Given a step with <n>
                Examples:
                  | n |
                  | 1 |
                  | 2 |
            """);

        scenarios.Select(s => s.DisplayName).Should().Equal("F: O 1 [features/a.feature:6]", "F: O 2 [features/a.feature:7]");
        scenarios[1].Steps.Single().Should().Match<ScenarioStep>(s => s.Keyword == "Given" && s.Text == "a step with 2" && s.Line == 3);
    }

    [Fact]
    public void A_feature_that_does_not_parse_is_reported_with_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "bad.feature"), "Feature: F\n  Scenario: S\n    Given x\n    this line is not a step\n");
            var set = FeatureSet.Load(folder.FullName, folder.FullName);
            set.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("bad.feature:4: ");
        }
        finally { folder.Delete(recursive: true); }
    }
}
