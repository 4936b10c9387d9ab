using StackTests.Harness.Clients;
using StackTests.Harness.Diagnosis;

namespace StackTests.Tests.Harness.Diagnosis;

public sealed class PushgatewayDiagnosisTests
{
    // GET /api/v1/metrics of Pushgateway 1.5.1 (Debian), one group, trimmed to its keys.
    private const string Groups = """
        {"status":"success","data":[{"labels":{"job":"obstackd-alert-probe","run_id":"run-rec"},
          "last_push_successful":true,
          "obstackd_alert_probe":{"time_stamp":"2026-12-07T04:30:00Z","type":"GAUGE","help":"Raised by the acceptance suite","metrics":[{"labels":{"job":"obstackd-alert-probe","run_id":"run-rec"},"value":"1"}]},
          "push_time_seconds":{"time_stamp":"2026-12-07T04:30:00Z","type":"GAUGE","help":"Last Unix time when changing this group in the Pushgateway succeeded.","metrics":[{"labels":{"job":"obstackd-alert-probe","run_id":"run-rec"},"value":"1.7e+09"}]}}]}
        """;

    private static PushgatewayDiagnosis.Facts Facts(IReadOnlyList<PushgatewayGroup>? groups, ScrapeOfJob scrape, bool inPrometheus) =>
        new("obstackd-alert-probe", "run-rec", "obstackd_alert_probe", groups, groups is null ? "Pushgateway GET /api/v1/metrics could not be reached" : null, scrape, inPrometheus);

    private static ScrapeOfJob Scrape(string health, string error = "") =>
        new("pushgateway", [new ScrapeTarget(new Dictionary<string, string> { ["job"] = "pushgateway" }, "http://127.0.4.12:19091/metrics", health, error)], 0);

    [Fact]
    public void Reads_the_groups_with_their_labels_and_metric_families()
    {
        var group = PushgatewayClient.ParseGroups(Groups).Single();
        group.Labels.Should().Contain("job", "obstackd-alert-probe").And.Contain("run_id", "run-rec");
        group.Metrics.Should().Equal("obstackd_alert_probe", "push_time_seconds");
        group.LastPushSuccessful.Should().BeTrue();
    }

    [Fact]
    public void A_failing_scrape_of_the_pushgateway_is_named()
    {
        var text = PushgatewayDiagnosis.Describe(Facts(PushgatewayClient.ParseGroups(Groups), Scrape("down", "connection refused"), false));
        text.Should().StartWith("obstackd_alert_probe stopped between the Pushgateway and Prometheus: the scrape of job pushgateway fails")
            .And.Contain("the Pushgateway holds the group job=\"obstackd-alert-probe\", run_id=\"run-rec\" with obstackd_alert_probe, push_time_seconds")
            .And.Contain("Prometheus scrapes job pushgateway: http://127.0.4.12:19091/metrics down (connection refused), 0 samples in its last scrape");
    }

    [Fact]
    public void A_push_that_did_not_land_is_named()
    {
        PushgatewayDiagnosis.Describe(Facts([], Scrape("up"), false)).Should()
            .StartWith("obstackd_alert_probe stopped before the Pushgateway: the push did not land; the Pushgateway holds no group job=\"obstackd-alert-probe\"");
    }

    [Fact]
    public void A_job_missing_from_Prometheus_is_named()
    {
        PushgatewayDiagnosis.Describe(Facts(PushgatewayClient.ParseGroups(Groups), new ScrapeOfJob("pushgateway", [], null), false)).Should()
            .Contain("the scrape of job pushgateway fails").And.Contain("Prometheus has no active target of job pushgateway");
    }
}
