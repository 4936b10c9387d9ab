using StackTests.Harness;
using Flurl.Http.Testing;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Clients;

// Shapes from the Alertmanager API v2 spec (prometheus/alertmanager api/v2/openapi.yaml: gettableAlert,
// alertmanagerStatus, gettableSilence), and checked against a real Alertmanager below.
[Trait("Tier", "integration")]
public sealed class AlertmanagerClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void Parses_gettable_alerts()
    {
        const string body = """
            [{"annotations":{"summary":"Instance down"},"endsAt":"2024-05-01T10:05:00.000Z","fingerprint":"7f3b9e0d2e4c1a55",
              "receivers":[{"name":"default"}],"startsAt":"2024-05-01T10:00:00.000Z",
              "status":{"inhibitedBy":[],"silencedBy":["f5ab8e6c-6b7c-4b0f-9c1a-2d3e4f5a6b7c"],"state":"suppressed"},
              "updatedAt":"2024-05-01T10:00:01.000Z","generatorURL":"http://prometheus:9090/graph",
              "labels":{"alertname":"InstanceDown","instance":"node:9100","severity":"critical"}}]
            """;
        var alert = AlertmanagerClient.ParseAlerts(body).Single();
        (alert.Name, alert.State, alert.Fingerprint).Should().Be(("InstanceDown", "suppressed", "7f3b9e0d2e4c1a55"));
        alert.Receivers.Should().Equal("default");
        alert.SilencedBy.Should().ContainSingle();
        alert.StartsAt.Should().Be(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        alert.Annotations["summary"].Should().Be("Instance down");
    }

    [Fact]
    public async Task Sends_alert_filters_as_repeated_parameters()
    {
        using var http = new HttpTest();
        http.RespondWith("[]");
        await new AlertmanagerClient(new Uri("http://alertmanager:9093/")).AlertsAsync(["alertname=\"X\"", "run_id=\"run-1\""], Token);
        http.ShouldHaveCalled("http://alertmanager:9093/api/v2/alerts").WithQueryParam("filter", new[] { "alertname=\"X\"", "run_id=\"run-1\"" });
    }

    [Fact]
    public async Task Runs_against_a_real_alertmanager()
    {
        var binary = LocalComponent.RequireBinary("prometheus-alertmanager", "prometheus-alertmanager");
        const string config = """
            route: {receiver: default, group_wait: 0s, group_interval: 1s, repeat_interval: 1h}
            receivers: [{name: default}]
            """;
        await using var alertmanager = await LocalComponent.StartAsync("alertmanager", binary,
            (port, dir) => [$"--config.file={dir}/alertmanager.yml", $"--storage.path={dir}/data", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="],
            new Dictionary<string, string> { ["alertmanager.yml"] = config });
        var client = new AlertmanagerClient(alertmanager.BaseUrl, TimeSpan.FromSeconds(5));
        var runId = $"run-{Guid.NewGuid():N}";

        (await client.IsReadyAsync(Token)).Should().BeTrue();
        // The alert goes in through the API's postableAlerts (the suite itself never posts alerts).
        using (var http = new HttpClient())
        using (var posted = await http.PostAsync(new Uri(alertmanager.BaseUrl, "api/v2/alerts"), new StringContent(
                   $$$"""[{"labels":{"alertname":"StackTestsProbe","run_id":"{{{runId}}}"},"annotations":{"summary":"posted by a test"}}]""",
                   System.Text.Encoding.UTF8, "application/json"), Token))
            posted.EnsureSuccessStatusCode();
        var alerts = await Eventually.UntilAsync("the posted alert", "GET /api/v2/alerts",
            t => client.AlertsAsync([$"run_id=\"{runId}\""], t), a => a.Count == 1 && a[0].Receivers.Count == 1,
            new EventuallyOptions(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)), cancellationToken: Token);
        (alerts[0].Name, alerts[0].State, alerts[0].Receivers[0]).Should().Be(("StackTestsProbe", "active", "default"));
    }
}

/// <summary>Alertmanager's webhook notification counters, from /metrics as its versions expose them.</summary>
public sealed class AlertmanagerNotificationCountsTests
{
    [Fact]
    public void Sums_the_counters_of_one_integration_in_the_0_25_shape()
    {
        // notify/notify.go of Alertmanager 0.25: labelled by integration only, every integration pre-created.
        const string metrics = """
            # TYPE alertmanager_notifications_total counter
            alertmanager_notifications_total{integration="email"} 0
            alertmanager_notifications_total{integration="webhook"} 3
            alertmanager_notifications_failed_total{integration="email"} 0
            alertmanager_notifications_failed_total{integration="webhook"} 1
            """;
        var counts = AlertmanagerClient.ParseNotifications(metrics, "webhook");

        counts.Should().Be(new NotificationCounts("webhook", 3, 1));
        counts.ToString().Should().Be("webhook: 3 attempted, 1 failed");
    }

    [Fact]
    public void Sums_over_receivers_where_the_counters_carry_receiver_name()
    {
        const string metrics = """
            alertmanager_notifications_total{integration="webhook",receiver_name="alert-sink"} 2
            alertmanager_notifications_total{integration="webhook",receiver_name="pager"} 5
            alertmanager_notifications_failed_total{integration="webhook",receiver_name="alert-sink",reason="other"} 0
            alertmanager_notifications_total_other{integration="webhook"} 100
            """;
        AlertmanagerClient.ParseNotifications(metrics, "webhook").Should().Be(new NotificationCounts("webhook", 7, 0));
    }

    [Fact]
    public void No_series_is_none_not_zero()
    {
        AlertmanagerClient.ParseNotifications("alertmanager_alerts{state=\"active\"} 0\n", "webhook")
            .Should().Be(new NotificationCounts("webhook", null, null));
    }
}
