using System.Diagnostics;
using StackTests.Harness.Diagnosis;
using StackTests.Models.Prometheus;

namespace StackTests.Acceptance.Steps;

/// <summary>
/// The alert path end to end: the stack's AlertPipelineProbe rule fires while this run pushes
/// obstackd_alert_probe to the Pushgateway; Prometheus sends it to Alertmanager, which posts it to
/// the alert-sink webhook receiver. Everything is filtered on this run's id.
/// </summary>
[Binding]
public sealed class AlertingSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private static readonly EventuallyOptions AlertWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(1));
    private Stopwatch? _raised;
    private AlertPipelineDiagnosis.Counters? _before;
    private NotificationCounts? _webhookBefore;
    private const string WebhookIntegration = "webhook";

    private string RunLabel => $"{TestRun.IdLabel}=\"{TestRun.Id}\"";

    [When("the alert probe is raised for this run through the Pushgateway")]
    public async Task RaiseProbe()
    {
        var pushgateway = new PushgatewayEmitter(context.Endpoint("pushgateway", "http"));
        // The components' counters before the alert, for a failure to say where the alert stopped.
        _before = await Diagnosis.CountAsync();
        // Where the suite cannot read alert-sink's log, Alertmanager's webhook counters corroborate the notification.
        if (context.LogsUnreadable("alert-sink") is not null && context.Stack.IsAvailable("alertmanager"))
            _webhookBefore = await context.Alertmanager.NotificationsAsync(WebhookIntegration);
        _raised = Stopwatch.StartNew();
        await pushgateway.PushAsync(AlertProbe.Job, [new PushedMetric(AlertProbe.Metric, 1, Help: "Raised by the acceptance suite")]);
        state.OnCleanup(() => pushgateway.DeleteAsync(AlertProbe.Job));
    }

    [When("this run pushes a metric group to the Pushgateway")]
    public async Task PushGroup()
    {
        var pushgateway = new PushgatewayEmitter(context.Endpoint("pushgateway", "http"));
        await pushgateway.PushAsync("stacktests-batch", [new PushedMetric("stacktests_batch_items", 1, Help: "Pushed by the acceptance suite")]);
        state.OnCleanup(() => pushgateway.DeleteAsync("stacktests-batch"));
    }

    [Then("Prometheus reports the {string} alert firing for this run")]
    public async Task PrometheusAlertFiring(string alert)
    {
        var prometheus = context.Prometheus;
        await DiagnosedAsync(alert, Eventually.UntilAsync(
            $"{alert} to fire for {TestRun.Id}",
            $"GET {prometheus.BaseUrl}api/v1/alerts",
            token => prometheus.AlertsAsync(token),
            alerts => alerts.Any(a => a.Labels.GetValueOrDefault("alertname") == alert
                                      && a.Labels.GetValueOrDefault(TestRun.IdLabel) == TestRun.Id && a.State == "firing"),
            AlertWait,
            describe: alerts => alerts.Count == 0 ? "no alerts" : string.Join("; ", alerts)));
        SignalTimings.Record(scenario, "alert firing in Prometheus", _raised!.Elapsed);
    }

    [Then("Alertmanager holds the {string} alert for this run")]
    public async Task AlertmanagerHoldsAlert(string alert)
    {
        var alertmanager = context.Alertmanager;
        string[] filter = [$"alertname=\"{alert}\"", RunLabel];
        await DiagnosedAsync(alert, Eventually.UntilAsync(
            $"Alertmanager to hold {alert} for {TestRun.Id}",
            $"GET {alertmanager.BaseUrl}api/v2/alerts?filter={string.Join("&filter=", filter)}",
            token => alertmanager.AlertsAsync(filter, token),
            alerts => alerts.Count > 0,
            AlertWait,
            describe: alerts => alerts.Count == 0 ? "no matching alert" : string.Join("; ", alerts)));
        SignalTimings.Record(scenario, "alert in Alertmanager", _raised!.Elapsed);
    }

    [Then("the webhook receiver gets the {string} alert for this run")]
    public async Task WebhookReceivesAlert(string alert)
    {
        // alert-sink logs each request it receives: the notification body holds the alert's labels.
        if (context.LogsUnreadable("alert-sink") is { } reason)
        {
            await WebhookNotificationInLokiAsync(alert, reason);
            return;
        }
        await DiagnosedAsync(alert, Eventually.UntilAsync(
            $"alert-sink to log a notification of {alert} for {TestRun.Id}",
            "the alert-sink service's log",
            token => context.Stack.LogsAsync("alert-sink", 500, token),
            lines => lines.Any(l => l.Contains(alert, StringComparison.Ordinal) && l.Contains(TestRun.Id, StringComparison.Ordinal)),
            AlertWait,
            describe: lines => lines.Count == 0 ? "nothing logged" : $"{lines.Count} lines, last: {lines[^1]}"));
        SignalTimings.Record(scenario, "alert at the webhook receiver", _raised!.Elapsed);
        // alert-sink answers Alertmanager, not the suite: its log is what was read.
        scenario.AddEvidence([$"alert-sink's log held the notification (read from the {context.Stack.Provider} stack; {context.Stack.Origin("alert-sink") ?? "origin not known"})"]);
    }

    private AlertPipelineDiagnosis Diagnosis => new(
        new PushgatewayDiagnosis(new PushgatewayClient(context.Endpoint("pushgateway", "http")), context.Prometheus),
        context.Prometheus, context.Alertmanager,
        token => context.LogsUnreadable("alertmanager") is null ? context.Stack.LogsAsync("alertmanager", 300, token) : Task.FromResult<IReadOnlyList<string>>([]));

    // A wait that times out fails with the hop where the alert stopped, from the counters before and after.
    private async Task DiagnosedAsync<T>(string alert, Task<T> wait)
    {
        try
        {
            await wait;
        }
        catch (EventuallyTimeoutException e) when (_before is not null)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            throw new EventuallyTimeoutException($"{e.Message}\n  {await Diagnosis.DescribeAsync(_before, alert, AlertProbe.Job, AlertProbe.Metric, TestRun.Id, atReceiver: false, bound.Token)}");
        }
    }

    /// <summary>
    /// A stack whose logs the suite cannot read (external) ships alert-sink's log to Loki through Alloy
    /// (compose.yaml: {compose_service="alert-sink"}): this run's notification is the line holding the
    /// alert's name and this run's id. Alertmanager's webhook counter must have grown since the probe was raised.
    /// </summary>
    private async Task WebhookNotificationInLokiAsync(string alert, string unreadable)
    {
        if (!context.Stack.IsAvailable("loki"))
            scenario.Skip($"cannot see the webhook's notification: {unreadable}; nor in Loki, which ships alert-sink's log: " +
                          $"loki is not available from the {context.Stack.Provider} stack ({context.Stack.Unavailable("loki")})");
        var loki = context.Loki;
        var query = AlertSinkNotificationQuery(alert, TestRun.Id);
        var found = await Eventually.UntilAsync(
            $"Loki to hold alert-sink's log line of the {alert} notification for {TestRun.Id}",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={query}",
            token => loki.QueryRangeAsync(query, DateTimeOffset.UtcNow.AddMinutes(-15), DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: token),
            result => result.Lines.Any(),
            AlertWait,
            describe: result => result.ToString());
        scenario.Output.WriteLine($"alert-sink's log in Loki: {found.Lines.First().Line[..Math.Min(300, found.Lines.First().Line.Length)]}");
        SignalTimings.Record(scenario, "alert at the webhook receiver (its log in Loki)", _raised!.Elapsed);
        scenario.AddEvidence(["alert-sink's log, as Loki holds it ({compose_service=\"alert-sink\"}), held the notification"]);
        if (_webhookBefore is not { } before) return;
        var alertmanager = context.Alertmanager;
        var after = await Eventually.UntilAsync(
            $"Alertmanager's {WebhookIntegration} notifications to grow from {before}",
            $"GET {alertmanager.BaseUrl}metrics",
            token => alertmanager.NotificationsAsync(WebhookIntegration, token),
            now => now.Attempted > (before.Attempted ?? 0),
            new EventuallyOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)),
            describe: now => now.ToString());
        scenario.Output.WriteLine($"Alertmanager notifications: before {before}; after {after}");
    }

    /// <summary>The LogQL that finds alert-sink's log line of a notification of the alert for the run.</summary>
    public static string AlertSinkNotificationQuery(string alert, string runId) =>
        $"{{compose_service=\"alert-sink\"}} |= `{alert}` |= `{runId}`";
}
