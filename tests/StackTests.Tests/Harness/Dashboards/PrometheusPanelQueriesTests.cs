using StackTests.Harness;
using StackTests.Lint.Queries;
using StackTests.Harness.Clients;
using StackTests.Harness.Dashboards;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Grafana;
using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

namespace StackTests.Tests.Harness.Dashboards;

[Trait("Tier", "integration")]
public sealed class PrometheusPanelQueriesTests
{
    [Theory]
    [InlineData("sum by (job) (rate(loki_request_duration_seconds_count{status_code=~\"5..\"}[5m]))", "loki_request_duration_seconds_count")]
    [InlineData("histogram_quantile(0.95, sum by (le, service) (rate(traces_spanmetrics_latency_bucket[1m])))", "traces_spanmetrics_latency_bucket")]
    [InlineData("time() - max by (job, instance) (push_time_seconds)", "push_time_seconds")]
    [InlineData("up{job=\"prometheus\"} == 1", "up")]
    [InlineData("a_total / on(instance) group_left(version) b_info offset 5m", "a_total,b_info")]
    [InlineData("rate(x_total[1m]) > 1e3 and y", "x_total,y")]
    [InlineData("count(ALERTS{alertstate=\"firing\"}) or vector(0)", "ALERTS")]
    [InlineData("sum(rate(a_total[$__rate_interval])) or sum(rate(b_total[$__rate_interval])) * 0", "a_total,b_total")]
    [InlineData("count({__name__=\"c\", job=\"j\"}) + {\"d.e\"}", "c,d.e")]
    [InlineData("sum by (job) (rate({__name__=~\"f.*\"}[5m]))", "")]
    public void Finds_the_metric_names_a_query_reads_with_the_PromQL_grammar(string expr, string expected) =>
        PrometheusPanelQueries.MetricNames([expr], Grammar.Value).Single()
            .Should().Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void A_query_that_does_not_parse_is_an_error_naming_it()
    {
        var names = () => PrometheusPanelQueries.MetricNames(["sum(up"], Grammar.Value);

        names.Should().Throw<InvalidOperationException>().WithMessage("*'sum(up'*does not parse*");
    }

    private static readonly Lazy<QueryGrammar> Grammar = new(() => QueryGrammar.Locate());

    private static readonly IReadOnlyList<GrafanaDatasource> Datasources =
        [new("Prometheus", "prometheus", "prometheus", "http://prometheus:9090", true), new("Loki", "loki", "loki", "http://loki:3100", false)];

    [Fact]
    public void Takes_the_prometheus_targets_of_a_dashboard_with_variables_and_built_ins_substituted()
    {
        var dashboard = Dashboard.Parse("d.json", """
            {"uid":"d","title":"D","templating":{"list":[{"name":"job","type":"custom","current":{"value":"node-exporter"}}]},
             "panels":[
              {"id":1,"title":"CPU","type":"timeseries","datasource":{"type":"prometheus","uid":"prometheus"},
               "targets":[{"refId":"A","expr":"rate(node_cpu_seconds_total{job=\"$job\"}[$__rate_interval]) + rate(y[${__interval}]) + increase(z[$__range]) / $__range_s"}]},
              {"id":2,"title":"Logs","type":"logs","datasource":{"type":"loki","uid":"loki"},"targets":[{"refId":"A","expr":"{job=\"x\"}"}]},
              {"id":3,"title":"Default","type":"stat","targets":[{"refId":"A","expr":"up{job=\"[[job]]\"}"}]},
              {"id":4,"title":"Hidden","type":"stat","datasource":{"type":"prometheus","uid":"prometheus"},"targets":[{"refId":"A","expr":"up","hide":true}]}]}
            """);

        PrometheusPanelQueries.From(dashboard, Datasources).Should().Equal(
            new PrometheusPanelQuery("D", "CPU", "A", "rate(node_cpu_seconds_total{job=\"node-exporter\"}[1m]) + rate(y[15s]) + increase(z[15m]) / 900"),
            new PrometheusPanelQuery("D", "Default", "A", "up{job=\"node-exporter\"}"));
    }

    [Theory]
    [InlineData("__rate_interval", "1m")] // max(15s + 15s, 4 x 15s)
    [InlineData("__rate_interval_ms", "60000")]
    [InlineData("__interval_ms", "15000")]
    [InlineData("__range_ms", "900000")]
    [InlineData("__auto", null)] // Loki's backend replaces it, not Prometheus'
    [InlineData("__from", null)]
    public void Gives_built_ins_the_value_of_Grafana_s_Prometheus_backend(string name, string? value) =>
        PrometheusPanelQueries.BuiltInValue(name).Should().Be(value);

    [Theory]
    [InlineData("loki_write_sent_entries_total", "alloy")]
    [InlineData("loki_distributor_lines_received_total", "loki")]
    [InlineData("traces_spanmetrics_calls_total", "tempo")]
    [InlineData("otelcol_receiver_accepted_spans_total", "otel-collector")]
    [InlineData("device_temperature_celsius", "mqtt-exporter")]
    [InlineData("tempodb_blocklist_length", "tempo")]
    [InlineData("obstackd_alert_probe", "pushgateway")]
    [InlineData("prometheus_tsdb_head_series", "prometheus")]
    [InlineData("device_battery_volts", "mqtt-exporter")]
    [InlineData("device_unknown_reading", null)] // not a prom_name of compose/mqtt-exporter/config.yaml
    [InlineData("process_cpu_seconds_total", null)] // every Go component has it
    [InlineData("up", null)]
    public void A_metric_belongs_to_the_service_of_its_longest_prefix(string metric, string? service) =>
        ServiceMetrics.OwnerOf(metric).Should().Be(service);
}
