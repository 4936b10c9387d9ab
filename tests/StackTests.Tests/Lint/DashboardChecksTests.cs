using StackTests.Lint;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Grafana;
using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;

namespace StackTests.Tests.Lint;

/// <summary>Dashboard rules on small dashboards written here, one behaviour each.</summary>
[Trait("Tier", "integration")]
public sealed class DashboardChecksTests
{
    private static readonly GrafanaDatasource[] Datasources =
    [
        new("Prometheus", "prometheus", "prometheus", "http://prometheus:9090", true, "ds.yaml", 1),
        new("Loki", "loki", "loki", "http://loki:3100", false, "ds.yaml", 8),
    ];

    private static IReadOnlyList<Finding> Check(string panelsJson, string templating = "[]") =>
        DashboardChecks.Check(
            [("d.json", $$"""{"uid": "d", "title": "D", "templating": {"list": {{templating}}}, "panels": {{panelsJson}}}""")],
            Datasources, SharedGrammar.Value, requireStackDashboards: false);

    private static string Panel(string expr, string datasource = """{"type": "prometheus", "uid": "prometheus"}""", string title = "P") =>
        $$"""{"type": "timeseries", "title": "{{title}}", "datasource": {{datasource}}, "targets": [{"refId": "A", "expr": {{System.Text.Json.JsonSerializer.Serialize(expr)}}}]}""";

    [Fact]
    public void Rate_over_a_fixed_range_is_an_error_increase_a_warning()
    {
        var findings = Check($"[{Panel("rate(a_total[5m])")}, {Panel("increase(a_total[1d])")}, {Panel("increase(a_total[$__range])")}]");

        findings.Where(f => f.RuleId == RuleIds.QueryRateInterval).Select(f => f.Severity)
            .Should().Equal(Severity.Error, Severity.Warning);
    }

    private const string Loki = """{"type": "loki", "uid": "loki"}""";

    [Fact]
    public void A_custom_variable_is_parsed_with_its_value()
    {
        // vector() takes a scalar: with the name it would not parse, with Grafana's value -1 it does.
        const string custom = """[{"name": "latency_metrics", "type": "custom", "query": "-1", "current": {"text": "-1", "value": "-1"}, "options": [{"text": "-1", "value": "-1"}]}]""";

        Check($"[{Panel("vector($latency_metrics) == 1")}]", custom).Should().NotContain(f => f.Severity == Severity.Error);
        Check($"[{Panel("vector($latency_metrics) == 1")}]").Should().Contain(f => f.RuleId == RuleIds.QuerySyntax);
    }

    [Fact]
    public void A_regex_RE2_refuses_is_reported_and_one_it_accepts_is_not()
    {
        var findings = Check($"[{Panel("{job=\"a\"} |~ `(?<=x)y`", Loki)}, {Panel("{job=~\"a(?i)b\"} |~ `(?i)\\berror\\b`", Loki)}, {Panel("up{job=~\"(a)\\\\1\"}")}]");

        findings.Where(f => f.RuleId == RuleIds.RegexRe2).Select(f => f.Message.Contains("lookbehind") || f.Message.Contains("backreference"))
            .Should().Equal(true, true);
    }

    [Fact]
    public void Rate_interval_in_a_LogQL_query_is_an_error()
    {
        // Grafana's Loki backend does not replace $__rate_interval: Loki would get it verbatim and answer a parse error.
        var findings = Check($"[{Panel("sum(rate({job=\"a\"} |= `e` [$__rate_interval]))", Loki)}]");

        findings.Should().ContainSingle().Which.Should().Match<Finding>(f =>
            f.RuleId == "query-logql-rate-interval" && f.Severity == Severity.Error && f.Message.Contains("$__auto"));
    }

    [Fact]
    public void The_rate_interval_rule_applies_to_PromQL_only()
    {
        var findings = Check($"[{Panel("sum(rate({job=\"a\"}[$__auto]))", Loki)}, {Panel("count_over_time({job=\"a\"}[5m])", Loki)}]");

        findings.Should().BeEmpty("LogQL takes $__auto or a fixed range; only PromQL needs $__rate_interval");
    }

    [Fact]
    public void Panels_nested_in_collapsed_rows_are_checked()
    {
        var row = $$"""{"type": "row", "title": "R", "collapsed": true, "panels": [{{Panel("rate(x[5m]")}}]}""";

        Check($"[{row}]").Should().ContainSingle(f => f.RuleId == RuleIds.QuerySyntax);
    }

    [Fact]
    public void Target_datasource_decides_the_language_in_a_mixed_panel()
    {
        var mixed = """{"type": "timeseries", "title": "M", "datasource": {"type": "datasource", "uid": "-- Mixed --"}, "targets": [""" +
                    """{"refId": "A", "datasource": {"type": "loki", "uid": "loki"}, "expr": "{job=\"x\"} |= \"e\""},""" +
                    """{"refId": "B", "expr": "sum(up"}]}""";

        var findings = Check($"[{mixed}]");

        // A is LogQL and fine; B has no datasource of its own, so Grafana's default (Prometheus) runs it.
        findings.Should().ContainSingle().Which.Message.Should().Contain("target B: PromQL syntax error");
    }

    [Fact]
    public void A_datasource_variable_takes_the_type_of_its_plugin()
    {
        var templating = """[{"name": "ds", "type": "datasource", "query": "loki"}]""";

        var findings = Check($"[{Panel("{job=\"a\"} |= \"b\"", "\"${ds}\"")}]", templating);

        findings.Should().BeEmpty();
    }

    [Fact]
    public void An_undefined_datasource_variable_is_reported()
    {
        Check($"[{Panel("up", "\"$nope\"")}]").Should().ContainSingle(f => f.RuleId == RuleIds.PanelDatasource && f.Message.Contains("'$nope'"));
    }

    [Fact]
    public void A_panel_without_datasource_uses_the_default_one()
    {
        var panel = """{"type": "stat", "title": "S", "targets": [{"refId": "A", "expr": "sum(up"}]}""";

        Check($"[{panel}]").Should().ContainSingle(f => f.RuleId == RuleIds.QuerySyntax && f.Message.Contains("PromQL"));
    }

    [Fact]
    public void Findings_point_at_the_query_line()
    {
        var text = "{\"uid\": \"d\", \"title\": \"D\", \"panels\": [\n {\"type\": \"stat\", \"title\": \"S\",\n  \"targets\": [{\"refId\": \"A\",\n   \"expr\": \"x_total\"}]}]}";

        var findings = DashboardChecks.Check([("d.json", text)], Datasources, SharedGrammar.Value, requireStackDashboards: false);

        findings.Should().ContainSingle(f => f.RuleId == RuleIds.QueryCounterAgg).Which.Line.Should().Be(4);
    }
}
