using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class TagExpressionTests
{
    [Theory]
    [InlineData("@metrics", "metrics slow", true)]
    [InlineData("metrics", "metrics", true)]
    [InlineData("@metrics", "logs", false)]
    [InlineData("@a and not @b", "a", true)]
    [InlineData("@a and not @b", "a b", false)]
    [InlineData("@a or @b and @c", "a", true)]
    [InlineData("(@a or @b) and @c", "a", false)]
    [InlineData("not @a or @b", "a b", true)]
    [InlineData("not (@a or @b)", "c", true)]
    [InlineData("@needs\\(x\\)", "needs(x)", true)]
    [InlineData("", "anything", true)]
    public void Tag_expressions_follow_Cucumber_precedence(string expression, string tags, bool expected) =>
        TagExpression.Parse(expression).Matches(tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Should().Be(expected);

    [Theory]
    [InlineData("@a and", "expected a tag but found 'end of expression'")]
    [InlineData("(@a or @b", "expected ')'")]
    [InlineData("@a @b", "unexpected '@b'")]
    public void A_malformed_tag_expression_says_what_is_wrong(string expression, string problem)
    {
        var parse = () => TagExpression.Parse(expression);
        parse.Should().Throw<FormatException>().WithMessage($"tag expression \"{expression}\": {problem}*");
    }
}
