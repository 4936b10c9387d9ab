using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class StepSnippetTests
{
    private static string Snippet(string text, BindingRegistry? registry = null) =>
        StepSnippet.For(new ScenarioStep("Given ", text, 3, StepKind.Given, null), (registry ?? BindingRegistry.Of()).ParameterTypes);

    [Theory]
    [InlineData("I have 3 cucumbers", "[Given(\"I have {int} cucumbers\")]", "IHaveCucumbers(int int1)")]
    [InlineData("a ratio of 0.75 and -2", "[Given(\"a ratio of {float} and {int}\")]", "ARatioOfAnd(double float1, int int1)")]
    [InlineData("the query 'up' and \"down\"", "[Given(\"the query {string} and {string}\")]", "TheQueryAnd(string string1, string string2)")]
    [InlineData("a (note) in {braces} a/b", "[Given(\"a \\\\(note) in \\\\{braces} a\\\\/b\")]", "ANoteInBracesAb()")]
    [InlineData("node-exporter has 12 targets", "[Given(\"node-exporter has {int} targets\")]", "NodeexporterHasTargets(int int1)")]
    public void Values_become_parameters_and_special_characters_are_escaped(string text, string attribute, string method)
    {
        var snippet = Snippet(text);
        snippet.Should().Contain(attribute).And.Contain($"public void {method}");
        var expression = snippet.Split('"')[1].Replace("\\\\", "\\").Replace("\\\"", "\"");
        StepExpression.Create(expression, BindingRegistry.Of().ParameterTypes).Match(text).Should().NotBeNull("the snippet binds the step");
    }

    [Fact]
    public void A_custom_parameter_type_with_a_regex_names_the_text_it_matches() =>
        Snippet("the red car", BindingRegistry.Of(typeof(RecordingSteps))).Should()
            .Contain("[Given(\"the {color} car\")]").And.Contain("public void TheCar(Color color)");
}
