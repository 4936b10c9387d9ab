using StackTests.Lint.Queries;

namespace StackTests.Tests.Lint;

public sealed class TemplateSubstitutionTests
{
    [Theory]
    [InlineData("rate(x[$__rate_interval])", "rate(x[" + TemplateSubstitution.RateInterval + "])")]
    [InlineData("rate(x[${__rate_interval}])", "rate(x[" + TemplateSubstitution.RateInterval + "])")]
    [InlineData("increase(x[$__range])", "increase(x[" + TemplateSubstitution.OtherInterval + "])")]
    [InlineData("rate(x[$interval])", "rate(x[" + TemplateSubstitution.OtherInterval + "])")]
    [InlineData("x offset $shift", "x offset " + TemplateSubstitution.OtherInterval)]
    [InlineData("sum by ($group) (x)", "sum by (var_group) (x)")]
    [InlineData("sum by ([[group]]) (x)", "sum by (var_group) (x)")]
    [InlineData("sum by (${group:csv}) (x)", "sum by (var_group) (x)")]
    [InlineData("x{job=~\"$job|${other:regex}\"}", "x{job=~\"$job|${other:regex}\"}")]
    [InlineData("sum(count_over_time({a=\"b\"} |= `e` [$__auto]))", "sum(count_over_time({a=\"b\"} |= `e` [" + TemplateSubstitution.OtherInterval + "]))")]
    [InlineData("sum(rate({a=\"b\"}[${__auto}]))", "sum(rate({a=\"b\"}[" + TemplateSubstitution.OtherInterval + "]))")]
    [InlineData("x / $__range_s", "x / 1")]
    [InlineData("# we're here\nrate(x[$__interval])", "# we're here\nrate(x[" + TemplateSubstitution.OtherInterval + "])")]
    public void Replaces_variables_by_the_shape_their_place_needs(string query, string expected) =>
        TemplateSubstitution.Apply(query).Text.Should().Be(expected);

    [Fact]
    public void Maps_positions_back_to_the_original_query()
    {
        var substituted = TemplateSubstitution.Apply("rate(x[$__rate_interval]) +");

        var end = substituted.Text.Length;
        substituted.OriginalOffset(end).Should().Be("rate(x[$__rate_interval]) +".Length);
        substituted.OriginalOffset(2).Should().Be(2);
    }
}
