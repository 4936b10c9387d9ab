using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class FeatureSetTests
{
    [Fact]
    public void Outline_rows_of_several_examples_are_scenarios_named_after_the_row_line_with_the_examples_tags()
    {
        var scenarios = FeatureSet.Compile("features/a.feature", """
            @feature
            Feature: F
              @outline
              Scenario Outline: O <n>
                Given a step with <n>
                @fast
                Examples: first
                  | n |
                  | 1 |
                  | 2 |
                @slow
                Examples: second
                  | n |
                  | 3 |
            """);

        scenarios.Select(s => s.DisplayName).Should().Equal("F: O 1 [features/a.feature:9]", "F: O 2 [features/a.feature:10]", "F: O 3 [features/a.feature:14]");
        scenarios[1].Steps.Single().Should().Match<ScenarioStep>(s => s.Keyword == "Given" && s.Text == "a step with 2" && s.Line == 5);
        scenarios[0].Tags.Should().Equal("feature", "outline", "fast");
        scenarios[2].Tags.Should().Equal("feature", "outline", "slow");
    }

    [Fact]
    public void Backgrounds_of_the_feature_and_of_a_rule_come_before_the_steps_and_rule_tags_are_inherited()
    {
        var scenarios = FeatureSet.Compile("features/r.feature", """
            Feature: F
              # a comment is ignored
              Background:
                Given the feature background

              Scenario: Outside
                When outside

              @rule-tag
              Rule: R
                Background:
                  Given the rule background

                Scenario: Inside
                  When inside
            """);

        scenarios[0].Steps.Select(s => s.Text).Should().Equal("the feature background", "outside");
        scenarios[1].Steps.Select(s => s.Text).Should().Equal("the feature background", "the rule background", "inside");
        scenarios[1].Tags.Should().Equal("rule-tag");
        scenarios[1].Steps.Select(s => s.Line).Should().Equal(4, 12, 15);
    }

    [Fact]
    public void Keywords_of_other_languages_parse_and_keep_their_kind()
    {
        var scenario = FeatureSet.Compile("features/fr.feature", """
            # language: fr
            Fonctionnalité: Métriques
              Scénario: Prometheus répond
                Soit la pile démarrée
                Quand on interroge
                Alors on obtient une réponse
                Et elle est valide
            """).Single();

        scenario.DisplayName.Should().Be("Métriques: Prometheus répond [features/fr.feature:3]");
        scenario.Steps.Select(s => (s.Keyword, s.Kind)).Should().Equal(
            ("Soit", StepKind.Given), ("Quand", StepKind.When), ("Alors", StepKind.Then), ("Et", StepKind.Then));
        scenario.Feature.Language.Should().Be("fr");
    }

    [Fact]
    public void Data_tables_and_doc_strings_reach_the_step()
    {
        var step = FeatureSet.Compile("features/d.feature", """
            Feature: F
              Scenario: S
                Given a document
                  ```yaml
                  a: 1
                  ```
                And a table
                  | a | b |
                  | 1 | 2 |
            """).Single().Steps;

        step[0].DocString.Should().Be(new DocString("a: 1", "yaml"));
        step[1].DataTable!.Rows.Single()["b"].Should().Be("2");
    }

    [Fact]
    public void A_feature_that_does_not_parse_is_reported_with_file_and_line_and_other_files_still_load()
    {
        var set = FeatureSet.FromTexts([
            ("features/bad.feature", "Feature: F\n  Scenario: S\n    Given x\n    this line is not a step\n"),
            ("features/good.feature", "Feature: G\n  Scenario: S\n    Given y\n"),
        ]);

        set.Errors.Should().ContainSingle().Which.ToString().Should().StartWith("features/bad.feature:4: ");
        set.Scenarios.Should().ContainSingle().Which.Uri.Should().Be("features/good.feature");
    }

    [Fact]
    public void Ids_are_unique_across_files()
    {
        var set = FeatureSet.FromTexts([("a.feature", "Feature: A\n  Scenario: S\n    Given x\n"), ("b.feature", "Feature: B\n  Scenario: S\n    Given x\n")]);
        var ids = set.Scenarios.Select(s => s.Pickle.Id).Concat(set.Files.Select(f => f.Document.Feature.Children[0].Scenario.Id)).ToList();
        ids.Should().OnlyHaveUniqueItems();
    }
}
