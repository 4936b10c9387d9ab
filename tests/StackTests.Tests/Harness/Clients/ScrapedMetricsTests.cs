using StackTests.Harness;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Tests.Harness.Clients;

public sealed class ScrapedMetricsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Builds_the_PromQL_of_a_job_s_counter_and_of_its_last_scrape()
    {
        ScrapedMetrics.SumQuery("loki_write_sent_entries_total", "alloy")
            .Should().Be("sum(loki_write_sent_entries_total{job=\"alloy\"})", "no fallback: a metric without series must read as missing, not 0");
        ScrapedMetrics.SumQuery("x_total", "a\"b").Should().Be("sum(x_total{job=\"a\\\"b\"})");
        ScrapedMetrics.LastScrapeQuery("otel-collector").Should().Be("max(timestamp(up{job=\"otel-collector\"}))");
    }

    // Response shape of /api/v1/query (https://prometheus.io/docs/prometheus/latest/querying/api/).
    [Fact]
    public async Task Sums_and_times_what_Prometheus_answers()
    {
        using var http = new HttpTest();
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000000.5,"42"]}]}}""");
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1700000001,"1700000000.25"]}]}}""");
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        http.RespondWith("""{"status":"success","data":{"resultType":"vector","result":[]}}""");
        var metrics = new ScrapedMetrics(new PrometheusClient(new Uri("http://prometheus:9090/")), "alloy");

        (await metrics.SumAsync("loki_write_sent_entries_total", Token)).Should().Be(42);
        (await metrics.LastScrapeAsync(Token)).Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250));
        (await metrics.LastScrapeAsync(Token)).Should().BeNull("Prometheus has no target of the job");
        (await metrics.SumAsync("loki_write_sent_entries_renamed", Token)).Should().BeNull("a metric without series is missing, not 0");
        http.ShouldHaveCalled("http://prometheus:9090/api/v1/query").WithQueryParam("query", "sum(loki_write_sent_entries_total{job=\"alloy\"})");
    }

    // A real Prometheus scraping a real Pushgateway: a counter pushed after the first scrape is seen once
    // Prometheus scraped again; one never pushed has no series.
    [Trait("Tier", "integration")]
    [Fact]
    public async Task Reads_a_counter_from_a_real_prometheus_after_a_fresh_scrape()
    {
        await using var pushgateway = await InMemoryPushgateway.StartAsync();
        await using var prometheus = await ScrapingPrometheus.StartAsync("gateway", pushgateway.BaseUrl, honorLabels: true);
        var metrics = new ScrapedMetrics(new PrometheusClient(prometheus.BaseUrl, TimeSpan.FromSeconds(5)), "gateway");

        await metrics.WaitForScrapeAfterAsync(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), Token);
        (await metrics.SumAsync("stacktests_sent_total", Token)).Should().BeNull("nothing was pushed yet: no series, not 0");
        await new PushgatewayEmitter(pushgateway.BaseUrl, "run-1", TimeSpan.FromSeconds(5))
            .PushAsync("gateway", [new PushedMetric("stacktests_sent_total", 7, "counter")], Token);
        await metrics.WaitForScrapeAfterAsync(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20), Token);

        (await metrics.SumAsync("stacktests_sent_total", Token)).Should().Be(7);
        var missing = () => new ScrapedMetrics(metrics.Prometheus, "no-such-job").WaitForScrapeAfterAsync(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(2), Token);
        (await missing.Should().ThrowAsync<EventuallyTimeoutException>()).Which.Message.Should().Contain("no target of job no-such-job");
    }
}
