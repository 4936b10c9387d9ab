using System.Text.Json;
using System.Text.Json.Nodes;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;
using StackTests.Lint.Grafana;
using StackTests.Models.Grafana;

namespace StackTests.Tests.Harness.Clients;

// Shapes from the Grafana HTTP API docs (grafana/grafana docs/sources/developers/http_api/*.md) and
// grafana's own test data (pkg/promlib/testdata/range_simple.result.golden.jsonc).
public sealed class GrafanaClientTests
{
    private const string Password = "s3cret-Pa55";
    private const string Token = "glsa_0123456789abcdef";
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // pkg/promlib/testdata/range_simple.result.golden.jsonc (the DataResponse of refId A), trimmed to its fields.
    private const string PrometheusFrames = """
        {"results":{"A":{"status":200,"frames":[
          {"schema":{"meta":{"type":"timeseries-multi","typeVersion":[0,1],"custom":{"resultType":"matrix"}},
            "fields":[{"name":"Time","type":"time","typeInfo":{"frame":"time.Time"},"config":{"interval":1000}},
              {"name":"prometheus_http_requests_total","type":"number","typeInfo":{"frame":"float64"},
               "labels":{"__name__":"prometheus_http_requests_total","code":"200","handler":"/api/v1/query_range","job":"prometheus"}}]},
           "data":{"values":[[1641889530123,1641889531123,1641889532123],[21,32,43]]}},
          {"schema":{"meta":{"type":"timeseries-multi"},"fields":[{"name":"Time","type":"time"},
              {"name":"prometheus_http_requests_total","type":"number","labels":{"code":"400"}}]},
           "data":{"values":[[1641889529123,1641889532123],[54,76]]}}]}}}
        """;

    [Fact]
    public void Parses_frames_with_field_names_labels_and_row_counts()
    {
        var result = DsQueryResponse.Parse(PrometheusFrames)["A"];
        result.IsError.Should().BeFalse();
        result.Frames.Should().HaveCount(2);
        result.TotalRows.Should().Be(5);
        var frame = result.Frames[0];
        frame.FieldNames.Should().Equal("Time", "prometheus_http_requests_total");
        frame.RowCount.Should().Be(3);
        frame.Field("prometheus_http_requests_total")!.Labels["code"].Should().Be("200");
        frame.Fields[1].Values.Select(v => v.GetDouble()).Should().Equal(21, 32, 43);
    }

    // docs: "Query a data source" example response (Test data source, no status field).
    [Fact]
    public void Parses_the_documented_example_response()
    {
        const string body = """
            {"results":{"A":{"frames":[{"schema":{"refId":"A","fields":[{"name":"time","type":"time","typeInfo":{"frame":"time.Time"}},
              {"name":"A-series","type":"number","typeInfo":{"frame":"int64","nullable":true}}]},
              "data":{"values":[[1644488152084,1644488212084,1644488272084,1644488332084,1644488392084,1644488452084],[1,20,90,30,5,0]]}}]}}}
            """;
        var frame = DsQueryResponse.Parse(body)["A"].Frames.Single();
        (frame.RefId, frame.RowCount).Should().Be(("A", 6));
    }

    // A failed query: grafana pkg/api/ds_query.go answers 400 with the per-query error in results.
    [Fact]
    public void A_query_error_is_a_result_with_its_message()
    {
        const string body = """{"results":{"A":{"error":"bad_data: 1:5: parse error: unclosed left parenthesis","errorSource":"downstream","status":400}}}""";
        var result = DsQueryResponse.Parse(body)["A"];
        result.IsError.Should().BeTrue();
        result.ToString().Should().Be("A: error 400: bad_data: 1:5: parse error: unclosed left parenthesis");
        result.Frames.Should().BeEmpty();
    }

    [Fact]
    public void Builds_prometheus_and_loki_queries_as_the_frontend_sends_them()
    {
        var body = GrafanaQuery.Body([
            GrafanaQuery.Prometheus("prometheus", "up", refId: "A"),
            GrafanaQuery.Loki("loki", "{job=\"x\"} |= \"run-1\"", refId: "B")], "now-15m", "now");
        JsonNode.Parse(body)!.ToJsonString().Should().Be(
            """{"queries":[""" +
            """{"refId":"A","datasource":{"uid":"prometheus","type":"prometheus"},"expr":"up","range":true,"instant":false,"intervalMs":15000,"maxDataPoints":1000},""" +
            """{"refId":"B","datasource":{"uid":"loki","type":"loki"},"expr":"{job=\u0022x\u0022} |= \u0022run-1\u0022","queryType":"range","maxLines":1000,"intervalMs":15000,"maxDataPoints":1000}],""" +
            "\"from\":\"now-15m\",\"to\":\"now\"}");
    }

    // docs: health, datasources (list and health), search.
    [Fact]
    public void Parses_health_datasources_and_search()
    {
        GrafanaClient.ParseHealth("""{"commit":"087143285","database":"ok","version":"5.1.3"}""").Should().Be(new GrafanaHealth("ok", "5.1.3", "087143285"));
        GrafanaClient.ParseDatasourceHealth("""{"message":"Successfully queried the Prometheus API.","status":"OK"}""").IsOk.Should().BeTrue();
        GrafanaClient.ParseDatasourceHealth("""{"message":"Post \"http://prometheus:9090/api/v1/query\": dial tcp: lookup prometheus: no such host","status":"ERROR"}""")
            .IsOk.Should().BeFalse();
        var hits = GrafanaClient.ParseSearch("""
            [{"id":163,"uid":"000000163","title":"Folder","url":"/dashboards/f/000000163/folder","type":"dash-folder","tags":[],"isStarred":false,"uri":"db/folder"},
             {"id":1,"uid":"cIBgcSjkk","title":"Production Overview","url":"/d/cIBgcSjkk/production-overview","type":"dash-db",
              "tags":["prod"],"isStarred":true,"folderUid":"000000163","folderTitle":"Folder","uri":"db/production-overview"}]
            """);
        hits[1].Should().BeEquivalentTo(new DashboardHit("cIBgcSjkk", "Production Overview", "/d/cIBgcSjkk/production-overview", "Folder", ["prod"]));
    }

    [Fact]
    public async Task Sends_basic_auth_and_bearer_token_in_the_header_only()
    {
        using var http = new HttpTest();
        http.RespondWith("""[{"id":1,"uid":"prom","orgId":1,"name":"Prometheus","type":"prometheus","access":"proxy","url":"http://prometheus:9090","isDefault":true,"jsonData":{"httpMethod":"POST"}}]""");
        http.RespondWith("[]");
        var basic = new GrafanaClient(new Uri("http://grafana:3000/"), GrafanaCredentials.Basic("admin", Password));
        var datasources = await basic.DatasourcesAsync(Cancel);
        datasources.Single().Should().Match<GrafanaDatasource>(d => d.Uid == "prom" && d.IsDefault && d.JsonData.GetProperty("httpMethod").GetString() == "POST");
        await new GrafanaClient(new Uri("http://grafana:3000/"), GrafanaCredentials.Token(Token)).SearchDashboardsAsync(cancellationToken: Cancel);
        http.ShouldHaveCalled("http://grafana:3000/api/datasources")
            .WithHeader("Authorization", "Basic " + Convert.ToBase64String("admin:s3cret-Pa55"u8.ToArray()));
        http.ShouldHaveCalled("http://grafana:3000/api/search").WithQueryParam("type", "dash-db").WithHeader("Authorization", $"Bearer {Token}");
        GrafanaCredentials.Basic("admin", Password).ToString().Should().NotContain(Password);
        GrafanaCredentials.Token(Token).ToString().Should().NotContain(Token);
        basic.ToString().Should().NotContain(Password);
    }

    [Fact]
    public async Task Wrong_credentials_fail_naming_the_endpoint_without_the_secret()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"extra":null,"message":"Invalid username or password","messageId":"password-auth.failed","statusCode":401,"traceID":""}""", 401);
        var client = new GrafanaClient(new Uri("http://grafana:3000/"), GrafanaCredentials.Basic("admin", Password));
        var call = () => client.DashboardAsync("abc", Cancel);
        var error = (await call.Should().ThrowAsync<ApiException>()).Which;
        error.Message.Should().StartWith("Grafana GET /api/dashboards/uid/abc answered 401 Unauthorized: ").And.Contain("Invalid username or password");
        error.ToString().Should().NotContain(Password);
    }

    [Fact]
    public async Task A_failed_query_comes_back_as_results_not_as_an_exception()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"results":{"A":{"error":"parse error","status":400}}}""", 400);
        var client = new GrafanaClient(new Uri("http://grafana:3000/"), GrafanaCredentials.Token(Token));
        var response = await client.QueryAsync([GrafanaQuery.Prometheus("prom", "sum(")], cancellationToken: Cancel);
        response["A"].Error.Should().Be("parse error");
        http.ShouldHaveCalled("http://grafana:3000/api/ds/query").WithVerb(HttpMethod.Post).WithContentType("application/json")
            .WithRequestBody("""{"queries":[{"refId":"A",*"expr":"sum(",*}],"from":"now-5m","to":"now"}""");
    }

    [Fact]
    public async Task Tempo_search_goes_through_the_datasource_proxy()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"traces":[{"traceID":"2f3e0cee77ae5dc9c17ade3689eb2e54","rootServiceName":"svc","rootTraceName":"op"}]}""");
        var client = new GrafanaClient(new Uri("http://grafana:3000/"));
        (await client.TempoSearchAsync("tempo", "{ name = \"op\" }", cancellationToken: Cancel)).Single().RootServiceName.Should().Be("svc");
        http.ShouldHaveCalled("http://grafana:3000/api/datasources/proxy/uid/tempo/api/search").WithQueryParam("q", "{ name = \"op\" }");
    }
}
