using StackTests.Lint.Dashboards;
using StackTests.Lint.Queries;
using StackTests.Models.Dashboards;
using StackTests.Models.Queries;

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

/// <summary>Dashboard variables get their current values before a query is parsed, as Grafana sends them.</summary>
public sealed class VariableValueTests
{
    private static DashboardVariable Variable(string json) => new((StackTests.Models.Documents.JsonObject)StackTests.Models.Documents.JsonReader.Parse(json));

    [Theory]
    [InlineData("""{"name": "v", "type": "custom", "current": {"text": "-1", "value": "-1"}}""", "-1")]
    [InlineData("""{"name": "v", "type": "query", "current": {"value": ["a", "b"]}}""", "(a|b)")]
    [InlineData("""{"name": "v", "type": "constant", "query": "job"}""", "job")]
    [InlineData("""{"name": "v", "type": "textbox", "query": "", "current": {"value": "instance"}}""", "instance")]
    [InlineData("""{"name": "v", "type": "interval", "current": {"value": "5m"}}""", "5m")]
    [InlineData("""{"name": "v", "type": "datasource", "current": {"text": "Prometheus", "value": "prometheus"}}""", "prometheus")]
    [InlineData("""{"name": "v", "type": "adhoc", "filters": [{"key": "job", "operator": "=", "value": "a"}, {"key": "env", "operator": "=~", "value": "p.*"}]}""", "job=\"a\",env=~\"p.*\"")]
    [InlineData("""{"name": "v", "type": "query", "current": {"value": "$__all"}, "allValue": ".+"}""", ".+")]
    public void Each_type_gives_what_Grafana_puts_in_the_query(string json, string expected) =>
        Variable(json).SubstitutionValue().Should().Be(expected);

    [Theory]
    [InlineData("""{"name": "v", "type": "query", "current": {"value": "$__all"}}""")] // All over options only a running Grafana fetches
    [InlineData("""{"name": "v", "type": "interval", "current": {"value": "$__auto_interval_v"}}""")]
    [InlineData("""{"name": "v", "type": "query"}""")]
    [InlineData("""{"name": "v", "type": "adhoc", "filters": []}""")]
    public void Unknown_values_keep_the_shape_substitution(string json) =>
        Variable(json).SubstitutionValue().Should().BeNull();

    [Fact]
    public void A_custom_value_makes_a_query_valid_that_its_name_would_not()
    {
        var substituted = TemplateSubstitution.Apply("vector($latency_metrics) == 1", valueOf: name => name == "latency_metrics" ? "-1" : null);

        substituted.Text.Should().Be("vector(-1) == 1");
    }
}
