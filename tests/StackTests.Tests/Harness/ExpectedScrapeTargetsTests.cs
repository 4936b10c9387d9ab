using StackTests.Harness;
using StackTests.Lint.Prometheus;
using StackTests.Harness.Clients;
using StackTests.Models.Prometheus;

namespace StackTests.Tests.Harness;

public sealed class ExpectedScrapeTargetsTests
{
    private const string Config = """
        scrape_configs:
          - job_name: prometheus
            static_configs:
              - targets: ["localhost:9090"]
          - job_name: loki
            static_configs:
              - targets: ["loki:3100"]
          - job_name: otel-collector-exporter
            static_configs:
              - targets: ["otel-collector:8889"]
          - job_name: node-exporter
            static_configs:
              - targets: ["node-exporter:9100"]
        """;

    private static readonly string[] Named = ["prometheus", "node-exporter", "mosquitto"];

    private static ExpectedScrapeTargets Expected => ExpectedScrapeTargets.From(ScrapeConfig.StaticTargets(Config), Named);

    private static ScrapeTarget Target(string job, string instance, string health = "up", string error = "") =>
        new(new Dictionary<string, string> { ["job"] = job, ["instance"] = instance }, $"http://{instance}/metrics", health, error);

    [Fact]
    public void The_jobs_of_the_named_services_are_expected()
    {
        Expected.Jobs.Select(j => (j.Job, j.Service)).Should().Equal(("prometheus", "prometheus"), ("node-exporter", "node-exporter"));
    }

    [Fact]
    public void Every_job_of_the_config_is_listed_with_its_service()
    {
        ExpectedScrapeTargets.JobsOf(ScrapeConfig.StaticTargets(Config)).Select(j => (j.Job, j.Service)).Should().Equal(
            ("prometheus", "prometheus"), ("loki", "loki"), ("otel-collector-exporter", "otel-collector"), ("node-exporter", "node-exporter"));
    }

    [Fact]
    public void All_expected_targets_up_is_no_problem()
    {
        Expected.Problems([Target("prometheus", "127.0.0.2:9090"), Target("node-exporter", "127.0.0.3:9100"), Target("loki", "127.0.0.4:3100", "down")])
            .Should().BeEmpty("loki is not among the named services");
    }

    [Fact]
    public void A_job_Prometheus_does_not_scrape_is_a_problem_naming_job_and_service()
    {
        Expected.Problems([Target("prometheus", "127.0.0.2:9090")])
            .Should().ContainSingle().Which.Should().Contain("job 'node-exporter'").And.Contain("service node-exporter").And.Contain("no active target");
    }

    [Fact]
    public void A_target_that_is_down_is_a_problem_with_its_error()
    {
        Expected.Problems([Target("prometheus", "127.0.0.2:9090"), Target("node-exporter", "127.0.0.3:9100", "down", "connection refused")])
            .Should().ContainSingle().Which.Should().Contain("job 'node-exporter'").And.Contain("127.0.0.3:9100").And.Contain("connection refused");
    }

    [Fact]
    public void Named_services_no_job_scrapes_are_listed()
    {
        Expected.Unscraped.Should().Equal("mosquitto");
    }
}
