using StackTests.Harness;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

// Response shapes from https://prometheus.io/docs/prometheus/latest/querying/api/ (the examples of each endpoint).
[Trait("Tier", "integration")]
public sealed class PrometheusClientTests
{
    [Fact]
    public void Parses_an_instant_vector()
    {
        const string body = """
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"value":[1435781451.781,"1"]},
              {"metric":{"__name__":"up","job":"node","instance":"localhost:9100"},"value":[1435781451.781,"0"]}]}}
            """;
        var samples = PrometheusClient.ParseQueryResponse(body);
        samples.Select(s => (s.Labels["job"], s.Value)).Should().Equal(("prometheus", 1.0), ("node", 0.0));
    }

    // docs: "Range queries" example.
    [Fact]
    public void Parses_a_range_matrix()
    {
        const string body = """
            {"status":"success","data":{"resultType":"matrix","result":[
              {"metric":{"__name__":"up","job":"prometheus","instance":"localhost:9090"},"values":[[1435781430.781,"1"],[1435781445.781,"1"],[1435781460.781,"1"]]},
              {"metric":{"__name__":"up","job":"node","instance":"localhost:9091"},"values":[[1435781430.781,"0"],[1435781445.781,"0"],[1435781460.781,"1"]]}]}}
            """;
        var series = PrometheusClient.ParseQueryRangeResponse(body);
        series.Should().HaveCount(2);
        series[1].Labels["job"].Should().Be("node");
        series[1].Points.Select(p => p.Value).Should().Equal(0, 0, 1);
        series[0].Points[0].Time.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1435781430781));
    }

    [Fact]
    public void Parses_active_targets()
    {
        const string body = """
            {"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":"127.0.0.1:9090"},
              "labels":{"instance":"127.0.0.1:9090","job":"prometheus"},"scrapePool":"prometheus",
              "scrapeUrl":"http://127.0.0.1:9090/metrics","globalUrl":"http://example:9090/metrics",
              "lastError":"","lastScrape":"2017-01-17T15:07:44.723715405+01:00","lastScrapeDuration":0.050688943,
              "health":"up","scrapeInterval":"1m","scrapeTimeout":"10s"}],"droppedTargets":[]}}
            """;
        var target = PrometheusClient.ParseTargetsResponse(body).Single();
        target.Should().Be(target with { Health = "up", ScrapeUrl = "http://127.0.0.1:9090/metrics" });
        (target.Job, target.Instance, target.IsUp).Should().Be(("prometheus", "127.0.0.1:9090", true));
    }

    // docs: "Rules" example (an alerting rule with one firing alert and a recording rule).
    [Fact]
    public void Parses_rules_with_their_alerts()
    {
        const string body = """
            {"data":{"groups":[{"rules":[
              {"alerts":[{"activeAt":"2018-07-04T20:27:12.60602144+02:00","annotations":{"summary":"High request latency"},
                "labels":{"alertname":"HighRequestLatency","severity":"page"},"state":"firing","value":"1e+00"}],
               "annotations":{"summary":"High request latency"},"duration":600,"health":"ok",
               "labels":{"severity":"page"},"name":"HighRequestLatency","query":"job:request_latency_seconds:mean5m{job=\"myjob\"} > 0.5",
               "type":"alerting"},
              {"health":"ok","name":"job:http_inprogress_requests:sum","query":"sum by (job) (http_inprogress_requests)","type":"recording"}],
             "file":"/rules.yaml","interval":60,"limit":0,"name":"example"}]},"status":"success"}
            """;
        var rules = PrometheusClient.ParseRulesResponse(body);
        rules.Select(r => (r.Group, r.Name, r.Type, r.Health)).Should().Equal(
            ("example", "HighRequestLatency", "alerting", "ok"),
            ("example", "job:http_inprogress_requests:sum", "recording", "ok"));
        var alert = rules[0].Alerts.Single();
        (alert.Name, alert.State, alert.Value).Should().Be(("HighRequestLatency", "firing", "1e+00"));
        alert.ActiveAt.Should().Be(DateTimeOffset.Parse("2018-07-04T20:27:12.60602144+02:00"));
        rules[1].State.Should().BeEmpty("recording rules have no state");
    }

    // docs: "Alerts" example.
    [Fact]
    public void Parses_alerts()
    {
        const string body = """
            {"data":{"alerts":[{"activeAt":"2018-07-04T20:27:12.60602144+02:00","annotations":{},
              "labels":{"alertname":"my-alert"},"state":"firing","value":"1e+00"}]},"status":"success"}
            """;
        var alert = PrometheusClient.ParseAlertsResponse(body).Single();
        (alert.Name, alert.State).Should().Be(("my-alert", "firing"));
        alert.Annotations.Should().BeEmpty();
    }

    // docs: "Querying label values", "Finding series by label matchers".
    [Fact]
    public void Parses_label_values_and_series()
    {
        PrometheusClient.ParseStringListData("""{"status":"success","data":["node","prometheus"]}""").Should().Equal("node", "prometheus");
        var series = PrometheusClient.ParseSeriesResponse("""
            {"status":"success","data":[{"__name__":"up","job":"prometheus","instance":"localhost:9090"},
              {"__name__":"process_start_time_seconds","job":"prometheus","instance":"localhost:9090"}]}
            """);
        series.Select(s => s["__name__"]).Should().Equal("up", "process_start_time_seconds");
    }

    [Fact]
    public void An_error_status_becomes_an_exception_with_the_error_text()
    {
        var parse = () => PrometheusClient.ParseQueryResponse("""{"status":"error","errorType":"bad_data","error":"parse error at char 3"}""");
        parse.Should().Throw<PrometheusApiException>().WithMessage("*parse error at char 3*");
    }

    [Fact]
    public async Task Builds_range_query_and_series_requests()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"status":"success","data":{"resultType":"matrix","result":[]}}""");
        http.RespondWith("""{"status":"success","data":[]}""");
        var client = new PrometheusClient(new Uri("http://prometheus:9090/"));
        var start = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        await client.QueryRangeAsync("rate(up[1m])", start, start.AddMinutes(5), TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        await client.SeriesAsync(["up{job=\"node\"}", "process_start_time_seconds"], cancellationToken: TestContext.Current.CancellationToken);
        http.ShouldHaveCalled("http://prometheus:9090/api/v1/query_range").WithVerb(HttpMethod.Get)
            .WithQueryParam("query", "rate(up[1m])").WithQueryParam("start", "1700000000").WithQueryParam("end", "1700000300").WithQueryParam("step", "15");
        http.ShouldHaveCalled("http://prometheus:9090/api/v1/series").WithQueryParam("match[]", new[] { "up{job=\"node\"}", "process_start_time_seconds" });
    }

    [Fact]
    public async Task A_bad_request_names_the_endpoint_status_and_prometheus_error()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"status":"error","errorType":"bad_data","error":"1:4: parse error: unexpected <op:*>"}""", 400);
        var client = new PrometheusClient(new Uri("http://prometheus:9090/"));
        var query = () => client.QueryAsync("up**", TestContext.Current.CancellationToken);
        var error = (await query.Should().ThrowAsync<ApiException>()).Which;
        error.Message.Should().Be("Prometheus GET /api/v1/query answered 400: bad_data: 1:4: parse error: unexpected <op:*>");
        (error.Component, error.Endpoint, error.Status).Should().Be(("Prometheus", "GET /api/v1/query", 400));
    }

    [Fact]
    public async Task Runs_against_a_real_prometheus()
    {
        var binary = LocalComponent.RequireBinary("prometheus", "prometheus");
        var rules = """
            groups:
              - name: stacktests
                rules:
                  - record: stacktests:up:sum
                    expr: sum(up)
                  - alert: AlwaysFiring
                    expr: vector(1)
                    labels: {severity: none}
            """;
        var config = """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: prometheus
                static_configs: [{targets: ["127.0.0.1:PORT"]}]
            """;
        var port = LocalComponent.FreePort();
        await using var prometheus = await LocalComponent.StartAsync("prometheus", binary,
            (p, dir) => [$"--config.file={dir}/prometheus.yml", $"--storage.tsdb.path={dir}/data", $"--web.listen-address=127.0.0.1:{p}"],
            new Dictionary<string, string> { ["prometheus.yml"] = config.Replace("PORT", port.ToString()), ["rules.yml"] = rules },
            port: port);
        var client = new PrometheusClient(prometheus.BaseUrl, TimeSpan.FromSeconds(5));
        var token = TestContext.Current.CancellationToken;

        (await client.IsReadyAsync(token)).Should().BeTrue();
        var badQuery = () => client.QueryAsync("sum(", token);
        (await badQuery.Should().ThrowAsync<ApiException>()).Which.Status.Should().Be(400);

        var options = new EventuallyOptions(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(250));
        var up = await Eventually.UntilAsync("up to be 1", "up", t => client.QueryAsync("up", t), s => s.Count == 1 && s[0].Value == 1, options, cancellationToken: token);
        up[0].Labels["job"].Should().Be("prometheus");
        (await client.TargetsAsync(token)).Single().IsUp.Should().BeTrue();
        (await client.LabelValuesAsync("job", cancellationToken: token)).Should().Contain("prometheus");
        (await client.HasMetricAsync("prometheus_build_info", token)).Should().BeTrue("Prometheus exports its build info");
        (await client.HasMetricAsync("stacktests_never_exported", token)).Should().BeFalse("no target exports it");
        (await client.SeriesAsync(["up"], cancellationToken: token)).Single()["instance"].Should().Be($"127.0.0.1:{port}");
        var range = await client.QueryRangeAsync("up", DateTimeOffset.UtcNow.AddSeconds(-30), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), token);
        range.Single().Points.Should().NotBeEmpty();
        var alerts = await Eventually.UntilAsync("AlwaysFiring to fire", "/api/v1/alerts", t => client.AlertsAsync(t), a => a.Any(x => x.State == "firing"), options, cancellationToken: token);
        alerts.Single().Labels["severity"].Should().Be("none");
        var rulesSeen = await client.RulesAsync(token);
        rulesSeen.Select(r => (r.Name, r.Type)).Should().BeEquivalentTo([("stacktests:up:sum", "recording"), ("AlwaysFiring", "alerting")]);
    }
}
