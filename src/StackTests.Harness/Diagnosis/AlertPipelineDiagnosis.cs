using System.Globalization;
using System.Text.RegularExpressions;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;

namespace StackTests.Harness.Diagnosis;

/// <summary>
/// Where an alert stopped on the path Pushgateway -> Prometheus (rule) -> Alertmanager -> webhook
/// receiver, from each component's own counters read before the alert was raised and after the wait
/// failed. Metric names, from the sources of the versions compose.yaml pins:
/// Prometheus v3.5.3 notifier/metric.go (prometheus_notifications_sent_total, _errors_total,
/// _dropped_total); Alertmanager v0.33.1 notify/notify.go (alertmanager_notifications_total,
/// alertmanager_notifications_failed_total, alertmanager_notification_requests_failed_total, label
/// integration) and api/metrics/metrics.go
/// (alertmanager_alerts_received_total). Debian's Prometheus 2.42 and Alertmanager 0.25 export the
/// same names.
/// </summary>
public sealed partial class AlertPipelineDiagnosis(
    PushgatewayDiagnosis pushgateway, PrometheusClient prometheus, AlertmanagerClient alertmanager,
    Func<CancellationToken, Task<IReadOnlyList<string>>> alertmanagerLog)
{
    public const string Integration = "webhook";

    /// <summary>The counters compared: the /metrics pages of Prometheus and Alertmanager.</summary>
    public sealed record Counters(MetricsPage Prometheus, MetricsPage Alertmanager);

    /// <summary>Everything the description is made of; recorded pages make it testable without a stack.</summary>
    public sealed record Facts(
        string Alert, PushgatewayDiagnosis.Facts Probe, PrometheusRule? Rule, bool FiringInPrometheus,
        Counters Before, Counters After, bool HeldByAlertmanager, string? AlertmanagerLogReason, bool AtReceiver);

    /// <summary>Reads the counters; a component that cannot be read counts as an empty page.</summary>
    public async Task<Counters> CountAsync(CancellationToken cancellationToken = default) =>
        new(await PageAsync("Prometheus", prometheus.BaseUrl, cancellationToken),
            await PageAsync("Alertmanager", alertmanager.BaseUrl, cancellationToken));

    /// <summary>One paragraph: where the alert of this run stopped, and what each component counted.</summary>
    public async Task<string> DescribeAsync(
        Counters before, string alert, string probeJob, string probeMetric, string runId, bool atReceiver, CancellationToken cancellationToken = default)
    {
        var probe = await pushgateway.ObserveAsync(probeJob, runId, probeMetric, cancellationToken);
        PrometheusRule? rule = null;
        var firing = false;
        try
        {
            rule = (await prometheus.RulesAsync(cancellationToken)).FirstOrDefault(r => r.Name == alert && r.Type == "alerting");
            firing = (await prometheus.AlertsAsync(cancellationToken)).Any(a => a.Name == alert && a.State == "firing"
                                                                              && a.Labels.GetValueOrDefault(TestRun.IdLabel) == runId);
        }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { }
        var held = false;
        try { held = (await alertmanager.AlertsAsync([$"alertname=\"{alert}\"", $"{TestRun.IdLabel}=\"{runId}\""], cancellationToken)).Count > 0; }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { }
        string? reason = null;
        try { reason = NotifyFailure(await alertmanagerLog(cancellationToken)); }
        catch (Exception e) when (e is not OutOfMemoryException) { }
        return Describe(new Facts(alert, probe, rule, firing, before, await CountAsync(cancellationToken), held, reason, atReceiver));
    }

    public static string Describe(Facts f)
    {
        var promSent = Delta(f, c => c.Prometheus, "prometheus_notifications_sent_total");
        var promErrors = Delta(f, c => c.Prometheus, "prometheus_notifications_errors_total");
        var promDropped = Delta(f, c => c.Prometheus, "prometheus_notifications_dropped_total");
        var webhook = new Dictionary<string, string> { ["integration"] = Integration };
        var amReceived = Delta(f, c => c.Alertmanager, "alertmanager_alerts_received_total");
        var amNotified = Delta(f, c => c.Alertmanager, "alertmanager_notifications_total", webhook);
        var amFailed = Delta(f, c => c.Alertmanager, "alertmanager_notifications_failed_total", webhook);
        // Each attempt counts in notification_requests_*; a notification counts as failed only once
        // its retries end (after group_interval), so a failing receiver shows here first.
        var amRequestsFailed = Delta(f, c => c.Alertmanager, "alertmanager_notification_requests_failed_total", webhook);
        var rule = f.Rule is null
            ? $"Prometheus has no alerting rule {f.Alert}"
            : $"rule {f.Alert} ({f.Rule.Query.Trim()}) is {(f.Rule.State.Length > 0 ? f.Rule.State : "in an unknown state")}, health {f.Rule.Health}" +
              (f.Rule.LastError.Length > 0 ? $" ({f.Rule.LastError})" : "");
        var prometheusText = $"Prometheus: {rule}; the alert of this run is {(f.FiringInPrometheus ? "" : "not ")}firing; " +
                             $"prometheus_notifications_sent_total {promSent}, prometheus_notifications_errors_total {promErrors}, prometheus_notifications_dropped_total {promDropped}";
        var alertmanagerText = $"Alertmanager: {(f.HeldByAlertmanager ? "holds" : "does not hold")} the alert of this run; alertmanager_alerts_received_total {amReceived}, " +
                               $"alertmanager_notifications_total{{integration=\"{Integration}\"}} {amNotified}, alertmanager_notifications_failed_total{{integration=\"{Integration}\"}} {amFailed}, " +
                               $"alertmanager_notification_requests_failed_total{{integration=\"{Integration}\"}} {amRequestsFailed}" +
                               (f.AlertmanagerLogReason is { } why ? $"; its log: {why}" : "");
        var stopped =
            f.AtReceiver ? "the alert reached the webhook receiver"
            : !f.Probe.InPrometheus ? $"the alert stopped before Prometheus' rule: {PushgatewayDiagnosis.Describe(f.Probe).TrimEnd('.')}"
            : !f.FiringInPrometheus ? $"the alert stopped at Prometheus' rule: Prometheus has {f.Probe.Metric} for this run, but {rule}"
            : !f.HeldByAlertmanager ? $"the alert stopped between Prometheus and Alertmanager: it fires in Prometheus, which counted {promSent} sent, {promErrors} errors and {promDropped} dropped notifications"
            : amFailed.Increase > 0 || amRequestsFailed.Increase > 0
                ? $"the alert stopped at Alertmanager's {Integration} notification: alertmanager_notifications_failed_total{{integration=\"{Integration}\"}} rose by {Number(amFailed.Increase)}, " +
                  $"alertmanager_notification_requests_failed_total{{integration=\"{Integration}\"}} by {Number(amRequestsFailed.Increase)}" +
                                       (f.AlertmanagerLogReason is { } cause ? $" ({cause})" : "")
            : amNotified.Increase > 0 ? $"Alertmanager sent {Number(amNotified.Increase)} {Integration} notifications without a failure, but the webhook receiver logged none of this run's alert"
            : $"the alert stopped at Alertmanager: it holds the alert but sent no {Integration} notification (alertmanager_notifications_total{{integration=\"{Integration}\"}} unchanged; a route, inhibition, silence or group_wait holds it)";
        return $"Where the alert stopped: {stopped}. {prometheusText}. {alertmanagerText}. Webhook receiver: {(f.AtReceiver ? "logged the alert" : "logged nothing of this run's alert")}.";
    }

    /// <summary>Alertmanager's last log line about a failed notification, reduced to its error.</summary>
    public static string? NotifyFailure(IReadOnlyList<string> lines)
    {
        var line = lines.LastOrDefault(l => l.Contains("Notify", StringComparison.Ordinal) && l.Contains("err=", StringComparison.Ordinal));
        if (line is null) return null;
        var error = ErrorField().Match(line);
        var text = !error.Success ? line.Trim() : error.Groups[1].Success ? error.Groups[1].Value.Replace("\\\"", "\"") : error.Groups[2].Value;
        // A receiver URL may carry a login or a token: never copy them into a failure message.
        return UrlQuery().Replace(UrlLogin().Replace(text, "$1****@"), "?****");
    }

    /// <summary>A counter's value before and after (null: the page did not have it).</summary>
    public readonly record struct Change(double? Before, double? After)
    {
        public double Increase => (After ?? 0) - (Before ?? 0);

        public override string ToString() => After is null
            ? "not exported"
            : Increase == 0 ? $"unchanged at {Number(After.Value)}" : $"{Number(Before ?? 0)} -> {Number(After.Value)} (+{Number(Increase)})";
    }

    private static Change Delta(Facts f, Func<Counters, MetricsPage> page, string metric, IReadOnlyDictionary<string, string>? labels = null) =>
        new(Value(page(f.Before), metric, labels), Value(page(f.After), metric, labels));

    private static double? Value(MetricsPage page, string metric, IReadOnlyDictionary<string, string>? labels) =>
        page.Has(metric) ? page.Sum(metric, labels ?? new Dictionary<string, string>()) : null;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static async Task<MetricsPage> PageAsync(string component, Uri baseUrl, CancellationToken cancellationToken)
    {
        try { return await MetricsPage.ReadAsync(component, baseUrl, cancellationToken); }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { return MetricsPage.Empty; }
    }

    [GeneratedRegex("""(\w+://)[^/\s"@]+@""")]
    private static partial Regex UrlLogin();

    [GeneratedRegex("""\?[^\s"]+""")]
    private static partial Regex UrlQuery();

    // logfmt: err="...", with \" inside the quotes.
    [GeneratedRegex("""err="((?:[^"\\]|\\.)*)"|err=(\S+)""")]
    private static partial Regex ErrorField();
}
