using StackTests.Harness.Clients;

namespace StackTests.Harness.Tests.Clients;

// Response shapes from https://prometheus.io/docs/prometheus/latest/querying/api/
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

    [Fact]
    public void An_error_status_becomes_an_exception_with_the_error_text()
    {
        var parse = () => PrometheusClient.ParseQueryResponse("""{"status":"error","errorType":"bad_data","error":"parse error at char 3"}""");
        parse.Should().Throw<PrometheusApiException>().WithMessage("*parse error at char 3*");
    }
}
