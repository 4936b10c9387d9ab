using StackTests.Harness.Clients;
using StackTests.Harness.Diagnosis;

namespace StackTests.Tests.Harness.Diagnosis;

public sealed class AlertPipelineDiagnosisTests
{
    private const string RunId = "run-rec";
    private const string Alert = "AlertPipelineProbe";

    private static readonly PrometheusRule Rule = new("alert-pipeline-probe", Alert, "alerting", "obstackd_alert_probe > 0", "ok", "firing", "",
        new Dictionary<string, string>(), []);

    private static PushgatewayDiagnosis.Facts Probe(bool inPrometheus) => new(
        "obstackd-alert-probe", RunId, "obstackd_alert_probe",
        [new PushgatewayGroup(new Dictionary<string, string> { ["job"] = "obstackd-alert-probe", ["run_id"] = RunId }, ["obstackd_alert_probe", "push_time_seconds"], true)],
        null,
        new ScrapeOfJob("pushgateway", [new ScrapeTarget(new Dictionary<string, string> { ["job"] = "pushgateway" }, "http://127.0.4.12:9091/metrics", "up", "")], 12),
        inPrometheus);

    private static AlertPipelineDiagnosis.Facts Facts(
        string alertmanagerAfter, bool held = true, bool firing = true, PrometheusRule? rule = null, bool probeInPrometheus = true,
        string prometheusAfter = Recorded.PrometheusSent, bool atReceiver = false) => new(
        Alert, Probe(probeInPrometheus), rule ?? Rule, firing,
        new(MetricsPage.Parse(Recorded.PrometheusBefore), MetricsPage.Parse(Recorded.AlertmanagerBefore)),
        new(MetricsPage.Parse(prometheusAfter), MetricsPage.Parse(alertmanagerAfter)),
        held, AlertPipelineDiagnosis.NotifyFailure(Recorded.AlertmanagerLog), atReceiver);

    [Fact]
    public void A_webhook_on_a_wrong_port_is_named_with_Alertmanager_s_failure_counters_and_its_log()
    {
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerGaveUp));
        text.Should().StartWith("Where the alert stopped: the alert stopped at Alertmanager's webhook notification: " +
                                "alertmanager_notifications_failed_total{integration=\"webhook\"} rose by 1, " +
                                "alertmanager_notification_requests_failed_total{integration=\"webhook\"} by 18 " +
                                "(alert-sink/webhook[0]: notify retry canceled after 12 attempts: Post \"http://127.0.4.201:18080/alertmanager\": dial tcp 127.0.4.201:18080: connect: connection refused)");
        text.Should().Contain("prometheus_notifications_sent_total 0 -> 1 (+1)").And.Contain("Webhook receiver: logged nothing of this run's alert");
    }

    [Fact]
    public void Failed_attempts_name_the_hop_before_the_notification_gives_up()
    {
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerRetrying));
        text.Should().Contain("stopped at Alertmanager's webhook notification")
            .And.Contain("alertmanager_notifications_failed_total{integration=\"webhook\"} rose by 0")
            .And.Contain("alertmanager_notification_requests_failed_total{integration=\"webhook\"} by 8");
    }

    [Fact]
    public void A_rule_that_does_not_fire_is_named_with_its_expression()
    {
        var rule = Rule with { Query = "obstackd_alert_probe > 1", State = "inactive" };
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerBefore, held: false, firing: false, rule: rule, prometheusAfter: Recorded.PrometheusBefore));
        text.Should().StartWith("Where the alert stopped: the alert stopped at Prometheus' rule: Prometheus has obstackd_alert_probe for this run, " +
                                "but rule AlertPipelineProbe (obstackd_alert_probe > 1) is inactive, health ok");
        text.Should().Contain("prometheus_notifications_sent_total unchanged at 0");
    }

    [Fact]
    public void A_probe_that_never_reached_Prometheus_is_named_with_the_Pushgateway_s_hop()
    {
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerBefore, held: false, firing: false, probeInPrometheus: false));
        text.Should().Contain("the alert stopped before Prometheus' rule: obstackd_alert_probe stopped between the Pushgateway and Prometheus: the scrape succeeds")
            .And.NotContain("..");
    }

    [Fact]
    public void An_alert_firing_in_Prometheus_that_Alertmanager_lacks_is_named_with_Prometheus_notification_counters()
    {
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerBefore, held: false));
        text.Should().Contain("the alert stopped between Prometheus and Alertmanager: it fires in Prometheus, which counted 0 -> 1 (+1) sent");
    }

    [Fact]
    public void Delivered_notifications_that_the_receiver_did_not_log_are_said_so()
    {
        var text = AlertPipelineDiagnosis.Describe(Facts(Recorded.AlertmanagerDelivered) with { AlertmanagerLogReason = null });
        text.Should().Contain("Alertmanager sent 1 webhook notifications without a failure, but the webhook receiver logged none");
    }

    [Fact]
    public void A_component_that_could_not_be_read_is_not_taken_for_zero()
    {
        var facts = Facts(Recorded.AlertmanagerGaveUp) with { After = new(MetricsPage.Empty, MetricsPage.Parse(Recorded.AlertmanagerGaveUp)) };
        AlertPipelineDiagnosis.Describe(facts).Should().Contain("prometheus_notifications_sent_total not exported");
    }

    [Fact]
    public void A_login_or_token_in_the_receiver_s_url_stays_out_of_the_message()
    {
        string[] log = [""""level=error msg="Notify for alerts failed" err="webhook: Post \"https://bot:s3cret@hooks.example/notify?token=abc\": dial tcp: refused" """"];
        var reason = AlertPipelineDiagnosis.NotifyFailure(log);
        reason.Should().Be("webhook: Post \"https://****@hooks.example/notify?****\": dial tcp: refused");
        AlertPipelineDiagnosis.NotifyFailure(["level=info msg=\"Listening on\""]).Should().BeNull();
    }
}
