using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;
using StackTests.Models.Prometheus;

namespace StackTests.Canary;

/// <summary>
/// The alert path: the stack's AlertPipelineProbe rule fires while obstackd_alert_probe is pushed
/// for this run. One entry (the raise, at the run's start), seen at three stages: firing in
/// Prometheus, held by Alertmanager, and notified to the alert-sink webhook (each firing
/// notification for the run counts; a second one is a duplicate).
/// </summary>
public sealed class AlertsProbe(IStack stack, string runId) : SignalProbe("alerts", stack)
{
    private readonly SequenceLedger _prometheus = new(), _alertmanager = new(), _webhook = new();

    public override TimeSpan PollInterval => TimeSpan.FromSeconds(1);

    private PushgatewayEmitter Pushgateway => Client("pushgateway", "http", url => new PushgatewayEmitter(url, runId, TimeSpan.FromSeconds(5)));

    public override async Task SendAsync(long sequence, CancellationToken cancellationToken)
    {
        if (sequence != 0) return;
        var at = DateTimeOffset.UtcNow;
        foreach (var ledger in new[] { _prometheus, _alertmanager, _webhook }) ledger.Sent(0, at);
        try
        {
            await Pushgateway.PushAsync(AlertProbe.Job, [new PushedMetric(AlertProbe.Metric, 1, Help: "Raised by the StackTests canary")], cancellationToken);
        }
        catch (EmitterException e)
        {
            foreach (var ledger in new[] { _prometheus, _alertmanager, _webhook }) ledger.SendFailed(0, e.Message);
        }
    }

    public override async Task PollAsync(CancellationToken cancellationToken)
    {
        if (_prometheus.SentCount == 0) return;
        var prometheus = Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));
        var alertmanager = Client("alertmanager", "http", url => new AlertmanagerClient(url, TimeSpan.FromSeconds(10)));
        await Task.WhenAll(
            Observe(_prometheus, async () => (await prometheus.AlertsAsync(cancellationToken))
                .Count(a => a.Name == AlertProbe.Alert && a.Labels.GetValueOrDefault(TestRun.IdLabel) == runId && a.State == "firing")),
            Observe(_alertmanager, async () => (await alertmanager.AlertsAsync([$"alertname=\"{AlertProbe.Alert}\"", $"{TestRun.IdLabel}=\"{runId}\""], cancellationToken))
                .Count(a => a.State == "active")),
            Observe(_webhook, async () => FiringNotifications(await Stack.LogsAsync("alert-sink", 2000, cancellationToken), runId)));
    }

    private static async Task Observe(SequenceLedger ledger, Func<Task<int>> count) =>
        ledger.Observed(Enumerable.Repeat(0L, await count()), DateTimeOffset.UtcNow);

    /// <summary>The alert-sink's log lines that are a firing notification of the probe for this run.</summary>
    public static int FiringNotifications(IEnumerable<string> lines, string runId) =>
        lines.Count(l => l.Contains(AlertProbe.Alert, StringComparison.Ordinal) && l.Contains(runId, StringComparison.Ordinal)
                         && (l.Contains("\\\"status\\\":\\\"firing\\\"", StringComparison.Ordinal) || l.Contains("\"status\":\"firing\"", StringComparison.Ordinal)));

    public override bool Complete => _webhook.Complete && _alertmanager.Complete && _prometheus.Complete;

    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers =>
        [("alerts: firing in Prometheus", _prometheus), ("alerts: held by Alertmanager", _alertmanager), ("alerts: at the webhook receiver", _webhook)];

    public override async Task CleanupAsync(CancellationToken cancellationToken)
    {
        try { await Pushgateway.DeleteAsync(AlertProbe.Job, cancellationToken); }
        catch (EmitterException) { }
    }
}
