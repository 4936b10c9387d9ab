using System.Text.Json;
using StackTests.Harness.Clients;
using StackTests.Harness.Dashboards;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Grafana;
using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;

namespace StackTests.Tests.Harness.Dashboards;

// Dashboard JSON shaped as https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
// returned inside {"dashboard":..,"meta":..} by GET /api/dashboards/uid/{uid} (docs/sources/developers/http_api/dashboard.md).
public sealed class DashboardPanelQueriesTests
{
    private const string Response = """
        {"dashboard":{"uid":"stack-health","title":"Observability Stack Health","tags":["obstackd"],"schemaVersion":39,
          "templating":{"list":[
            {"name":"datasource","type":"datasource","query":"prometheus","current":{"text":"Prometheus","value":"prometheus-uid"}},
            {"name":"job","type":"query","datasource":{"type":"prometheus","uid":"${datasource}"},"includeAll":true,"allValue":".+",
             "current":{"text":["All"],"value":["$__all"]},"options":[]},
            {"name":"instance","type":"custom","multi":true,"current":{"text":["a","b"],"value":["a:9100","b:9100"]},
             "options":[{"text":"a","value":"a:9100"},{"text":"b","value":"b:9100"}]}]},
          "panels":[
            {"id":1,"type":"stat","title":"Targets up","datasource":{"type":"prometheus","uid":"${datasource}"},
             "targets":[{"refId":"A","expr":"sum(up{job=~\"$job\"})","datasource":{"type":"prometheus","uid":"${datasource}"}}]},
            {"id":2,"type":"row","title":"Details","collapsed":true,"panels":[
              {"id":3,"type":"timeseries","title":"Scrape rate","datasource":"Prometheus","maxDataPoints":500,
               "targets":[{"refId":"A","expr":"rate(scrape_samples_scraped{instance=~\"$instance\"}[$__rate_interval])"},
                          {"refId":"B","expr":"up","hide":true}]}]},
            {"id":4,"type":"logs","title":"Errors","datasource":{"type":"loki"},
             "targets":[{"refId":"A","expr":"{service_name=\"[[job]]\"} |= \"error\"","queryType":"range"}]},
            {"id":5,"type":"table","title":"Broken","datasource":{"type":"prometheus","uid":"${DS_MISSING}"},"targets":[{"refId":"A","expr":"up"}]}]},
         "meta":{"type":"db","slug":"observability-stack-health","url":"/d/stack-health/observability-stack-health","folderTitle":"Obstackd"}}
        """;

    private static readonly IReadOnlyList<GrafanaDatasource> Datasources =
    [
        new("Prometheus", "prometheus-uid", "prometheus", "http://prometheus:9090", true),
        new("Loki", "loki-uid", "loki", "http://loki:3100", false),
    ];

    private static Dashboard Parsed => Dashboard.Parse("api/dashboards/uid/stack-health", Response);

    [Fact]
    public void Reads_the_api_answer_with_its_meta_and_the_panels_of_collapsed_rows()
    {
        var dashboard = Parsed;
        (dashboard.Uid, dashboard.Title, dashboard.FolderTitle).Should().Be(("stack-health", "Observability Stack Health", "Obstackd"));
        dashboard.Panels.Select(p => $"{p.Id} {p.Title}").Should().Equal("1 Targets up", "2 Details", "3 Scrape rate", "4 Errors", "5 Broken");
    }

    [Fact]
    public void Builds_one_query_per_visible_target_with_resolved_datasource_and_variables()
    {
        var queries = DashboardPanelQueries.For(Parsed, Datasources, intervalMs: 30_000);
        queries.Select(q => $"{q.Panel.Id}{q.Target.RefId}").Should().Equal("1A", "3A", "4A", "5A");

        var stat = queries[0].Query!;
        stat["datasource"]!.ToJsonString().Should().Be("""{"uid":"prometheus-uid","type":"prometheus"}""");
        stat["expr"]!.GetValue<string>().Should().Be("sum(up{job=~\".+\"})", "All uses the variable's allValue");
        (stat["intervalMs"]!.GetValue<long>(), stat["maxDataPoints"]!.GetValue<int>()).Should().Be((30_000L, 1000));

        var rate = queries[1].Query!;
        rate["expr"]!.GetValue<string>().Should().Be("rate(scrape_samples_scraped{instance=~\"(a:9100|b:9100)\"}[$__rate_interval])",
            "several values become an alternation; Grafana's backend replaces $__rate_interval itself");
        rate["datasource"]!["uid"]!.GetValue<string>().Should().Be("prometheus-uid", "found by name");
        rate["maxDataPoints"]!.GetValue<int>().Should().Be(500);

        var logs = queries[2].Query!;
        logs["expr"]!.GetValue<string>().Should().Be("{service_name=\".+\"} |= \"error\"");
        logs["datasource"]!["uid"]!.GetValue<string>().Should().Be("loki-uid", "only the type was given: the Loki datasource");
        logs["queryType"]!.GetValue<string>().Should().Be("range");

        queries[3].Query.Should().BeNull();
        queries[3].Problem.Should().Be("datasource variable '${DS_MISSING}' is not defined in the dashboard's templating");
    }

    [Fact]
    public void The_built_queries_form_a_valid_ds_query_body()
    {
        var dashboard = Parsed;
        var queries = DashboardPanelQueries.For(dashboard, dashboard.Panels[0], Datasources);
        var body = JsonDocument.Parse(GrafanaQuery.Body(queries.Select(q => q.Query!), "now-1h", "now")).RootElement;
        body.GetProperty("queries")[0].GetProperty("refId").GetString().Should().Be("A");
        body.GetProperty("from").GetString().Should().Be("now-1h");
        dashboard.Panels[0].Targets[0].Json.String("expr").Should().Contain("$job", "building queries must not change the dashboard model");
    }
}
