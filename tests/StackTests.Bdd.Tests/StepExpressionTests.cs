using StackTests.Bdd;

namespace StackTests.Bdd.Tests;

public sealed class StepExpressionTests
{
    private static readonly IReadOnlyDictionary<string, ParameterType> Types = ParameterType.BuiltIn.ToDictionary(p => p.Name);

    private static IReadOnlyList<string?>? Match(string expression, string text) =>
        StepExpression.Create(expression, Types).Match(text)?.Select(a => a.Value).ToList();

    [Theory]
    [InlineData("there are {int} targets", "there are -12 targets", "-12")]
    [InlineData("a ratio of {float}", "a ratio of 0.75", "0.75")]
    [InlineData("a ratio of {float}", "a ratio of .5", ".5")]
    [InlineData("the {word} service", "the node-exporter service", "node-exporter")]
    [InlineData("the query {string}", "the query \"up{job=\\\"x\\\"}\"", "up{job=\"x\"}")]
    [InlineData("the query {string}", "the query 'rate(x[5m])'", "rate(x[5m])")]
    [InlineData("wait {}", "wait 1h30m and more", "1h30m and more")]
    public void Parameters_match_their_text(string expression, string text, string value) =>
        Match(expression, text).Should().Equal(value);

    [Theory]
    [InlineData("there are {int} targets", "there are many targets")]
    [InlineData("the {word} service", "the node exporter service")]
    [InlineData("there are {int} targets", "there are 3 targets now")]
    public void Text_that_does_not_fit_does_not_match(string expression, string text) =>
        Match(expression, text).Should().BeNull();

    [Theory]
    [InlineData("I have {int} cucumber(s)", "I have 1 cucumber")]
    [InlineData("I have {int} cucumber(s)", "I have 2 cucumbers")]
    [InlineData("it is in my belly/stomach", "it is in my belly")]
    [InlineData("it is in my belly/stomach", "it is in my stomach")]
    [InlineData("the target(s) is/are up", "the targets are up")]
    [InlineData("a literal \\(paren\\) and \\{brace\\} and a\\/b", "a literal (paren) and {brace} and a/b")]
    [InlineData("regex characters . * + ? [ ] ^ stay literal", "regex characters . * + ? [ ] ^ stay literal")]
    public void Optional_text_alternatives_and_escapes(string expression, string text) =>
        Match(expression, text).Should().NotBeNull();

    [Fact]
    public void Alternatives_are_bounded_by_spaces() =>
        Match("it is in my belly/stomach", "it is in my stomach belly").Should().BeNull();

    [Theory]
    [InlineData("a {nope} parameter", "undefined parameter type {nope}")]
    [InlineData("an (unclosed optional", "is not closed with ')'")]
    [InlineData("an empty () optional", "optional text '()' is empty")]
    [InlineData("a stray ) here", "')' has no opening '('")]
    [InlineData("an empty /alternative", "an alternative is empty")]
    [InlineData("a {int}/{int} ratio", "an alternative cannot contain a parameter")]
    [InlineData("a ({int}) optional", "cannot contain '{'")]
    public void A_malformed_expression_is_reported_with_the_problem(string expression, string problem)
    {
        var create = () => StepExpression.Create(expression, Types);
        create.Should().Throw<BindingException>().WithMessage($"Cucumber expression \"{expression}\"*{problem}*");
    }

    [Theory]
    [InlineData("^I have (\\d+) items?$", "I have 3 items", new[] { "3" })]
    [InlineData("^the (\\w+) service(?: on port (\\d+))?$", "the loki service", new[] { "loki", null })]
    [InlineData("ends with a group (\\w+)$", "ends with a group x", new[] { "x" })]
    public void A_regular_expression_starts_with_caret_or_ends_with_dollar(string expression, string text, string?[] values)
    {
        StepExpression.Create(expression, Types).Should().BeOfType<RegularExpression>();
        Match(expression, text).Should().Equal(values);
    }

    [Fact]
    public void A_regular_expression_matches_the_whole_text() =>
        Match("^I have (\\d+)", "I have 3 items").Should().BeNull();

    [Fact]
    public void Arguments_report_where_they_start_for_the_report()
    {
        var arguments = StepExpression.Create("a {string} of {int}", Types).Match("a \"b\" of 12")!;
        arguments.Select(a => (a.Value, a.Start, a.Type?.Name)).Should().Equal(("b", 3, "string"), ("12", 9, "int"));
    }
}
