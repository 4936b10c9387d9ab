using System.Numerics;
using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class StepExpressionTests
{
    private static readonly ParameterTypeRegistry Types = new();

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
    [InlineData("a {nope} parameter", 3, "Undefined parameter type 'nope'")]
    [InlineData("an (unclosed optional", 4, "The '(' does not have a matching ')'")]
    [InlineData("an empty () optional", 10, "An optional must contain some text")]
    [InlineData("an empty /alternative", 10, "Alternative may not be empty")]
    [InlineData("a {int}/{int} ratio", 8, "Alternative may not be empty")]
    [InlineData("a ({int}) optional", 4, "An optional may not contain a parameter type")]
    [InlineData("three( brown/black) mice", 13, "An alternation can not be used inside an optional")]
    [InlineData("a \\q escape", 4, "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped")]
    public void A_malformed_expression_is_reported_with_Cucumbers_message(string expression, int column, string problem)
    {
        var create = () => StepExpression.Create(expression, Types);
        create.Should().Throw<BindingException>().Which.Message.Should()
            .StartWith($"This Cucumber Expression has a problem at column {column}:\n\n{expression}\n").And.Contain(problem);
    }

    [Fact]
    public void An_undefined_parameter_type_is_reported_with_the_known_ones()
    {
        var create = () => StepExpression.Create("a {nope} parameter", Types);
        create.Should().Throw<BindingException>().WithMessage("*Known parameter types: {int} {float} {word} {string} {} {biginteger}*");
    }

    [Fact]
    public void A_closing_parenthesis_or_brace_alone_is_text() =>
        Match("a stray ) and } here", "a stray ) and } here").Should().BeEmpty();

    [Theory]
    [InlineData("the {int}st/nd/rd/th time", "the 3rd time", "3")]
    [InlineData("{int}st", "1st", "1")]
    [InlineData("a/i{int}n/y", "i18n", "18")]
    [InlineData("a/i{int}n/y", "a11y", "11")]
    public void A_parameter_may_touch_text_and_alternatives(string expression, string text, string value) =>
        Match(expression, text).Should().Equal(value);

    [Fact]
    public void Biginteger_gives_a_BigInteger()
    {
        const string digits = "31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679";
        var argument = StepExpression.Create("{biginteger} digits", Types).Match(digits + " digits")!.Single();
        argument.Type!.Type.Should().Be(typeof(BigInteger));
        ArgumentConverter.BuiltIn.ConvertText(argument.Value, argument.Type.Type, _ => null!).Should().Be(BigInteger.Parse(digits));
    }

    [Fact]
    public void A_long_run_of_digits_does_not_make_float_matching_slow()
    {
        var expression = StepExpression.Create("a ratio of {float}", Types);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        expression.Match("a ratio of " + new string('1', 40) + " items").Should().BeNull();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
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
    public void The_arguments_of_a_regular_expression_are_its_outermost_groups() =>
        Match("^the ((\\w+)-(\\w+)) service(?: on port (\\d+))?$", "the node-exporter service on port 9100")
            .Should().Equal("node-exporter", "9100");

    [Fact]
    public void A_slash_delimited_source_is_a_regular_expression()
    {
        StepExpression.Create("/I have (\\d+) items?/", Types).Should().BeOfType<RegularExpression>();
        Match("/I have (\\d+) items?/", "I have 3 items").Should().Equal("3");
    }

    [Fact]
    public void An_invalid_regular_expression_is_reported_with_the_reason()
    {
        var create = () => StepExpression.Create("^a (broken$", Types);
        create.Should().Throw<BindingException>().WithMessage("Invalid regular expression: '^a (broken$': *");
    }

    [Fact]
    public void Arguments_report_where_they_start_for_the_report()
    {
        var arguments = StepExpression.Create("a {string} of {int}", Types).Match("a \"b\" of 12")!;
        arguments.Select(a => (a.Value, a.Start, a.Type?.Name)).Should().Equal(("b", 3, "string"), ("12", 9, "int"));
    }
}
