using System.Globalization;
using StackTests.Harness.Clients;

namespace StackTests.Harness.Diagnosis;

/// <summary>
/// Where an MQTT reading stopped on the path broker -> mqtt2prometheus -> Prometheus, from
/// mqtt2prometheus' own /metrics page read before the device published and after the wait failed.
/// Its metric names come from hikhvar/mqtt2prometheus pkg/metrics/instrumentation.go: at v0.1.7,
/// compose's tag and Debian's package, mqtt2prometheus_connected (1 while connected to the broker)
/// and received_messages{status="success"|"storeError", topic}; later versions name the counter
/// mqtt2prometheus_received_messages_total.
/// </summary>
public sealed class IotPipelineDiagnosis(Uri exporterUrl, PrometheusClient prometheus, string scrapeJob = "mqtt-exporter")
{
    private const string Component = "mqtt2prometheus";
    public const string Connected = "mqtt2prometheus_connected";
    private static readonly string[] ReceivedNames = ["received_messages", "mqtt2prometheus_received_messages_total"];

    /// <summary>What was seen; After is null when the exporter could not be read (AfterError says why).</summary>
    public sealed record Facts(
        string Topic, string DeviceLabel, string Device, string Metric,
        MetricsPage Before, MetricsPage? After, string? AfterError, ScrapeOfJob Scrape, bool InPrometheus);

    /// <summary>The exporter's page now; empty when it cannot be read (it serves /metrics only once connected).</summary>
    public async Task<MetricsPage> CountAsync(CancellationToken cancellationToken = default)
    {
        try { return await MetricsPage.ReadAsync(Component, exporterUrl, cancellationToken); }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { return MetricsPage.Empty; }
    }

    public async Task<string> DescribeAsync(
        MetricsPage before, string topic, string deviceLabel, string device, string metric, CancellationToken cancellationToken = default)
    {
        MetricsPage? after = null;
        string? error = null;
        try { after = await MetricsPage.ReadAsync(Component, exporterUrl, cancellationToken); }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { error = e.Message; }
        var scrape = await ScrapeOfJob.ReadAsync(prometheus, scrapeJob, cancellationToken);
        bool inPrometheus;
        try { inPrometheus = (await prometheus.QueryAsync($"{metric}{{{deviceLabel}=\"{device}\"}}", cancellationToken)).Count > 0; }
        catch (Exception e) when (e is ApiException or OperationCanceledException) { inPrometheus = false; }
        return Describe(new Facts(topic, deviceLabel, device, metric, before, after, error, scrape, inPrometheus));
    }

    public static string Describe(Facts f)
    {
        if (f.After is null)
            return $"Where the reading stopped: mqtt2prometheus' /metrics could not be read ({f.AfterError}); it serves it only while connected to the broker. {f.Scrape}.";
        var counter = ReceivedNames.FirstOrDefault(n => f.After.Has(n) || f.Before.Has(n));
        var topic = new Dictionary<string, string> { ["topic"] = f.Topic };
        var success = new Dictionary<string, string> { ["topic"] = f.Topic, ["status"] = "success" };
        var received = counter is null ? 0 : f.After.Sum(counter, topic) - f.Before.Sum(counter, topic);
        var stored = counter is null ? 0 : f.After.Sum(counter, success) - f.Before.Sum(counter, success);
        var device = new Dictionary<string, string> { [f.DeviceLabel] = f.Device };
        var exposed = f.After.Names.Where(n => f.After.Series(n, device).Any()).ToList();
        var connected = f.After.Has(Connected) ? f.After.Sum(Connected) == 1 ? "connected to the broker (mqtt2prometheus_connected 1)" : "NOT connected to the broker (mqtt2prometheus_connected 0)" : "connection state not exported";
        var receivedText = counter is not null
            ? $"{counter}{{topic=\"{f.Topic}\"}} rose by {Number(received)} ({Number(stored)} with status=\"success\")"
            : "no count of received messages exported";
        var exposedText = exposed.Count == 0
            ? $"it exposes no series with {f.DeviceLabel}=\"{f.Device}\""
            : $"it exposes for {f.DeviceLabel}=\"{f.Device}\": {string.Join(", ", exposed)}";
        var stopped =
            f.InPrometheus ? $"Prometheus has {f.Metric} for {f.DeviceLabel}=\"{f.Device}\" (the value differs or came late)"
            : f.After.Has(Connected) && f.After.Sum(Connected) != 1 ? "at mqtt2prometheus, which is not connected to the broker"
            : counter is not null && received == 0 ? $"before mqtt2prometheus: it received no message on {f.Topic}"
            : received > 0 && stored == 0 ? $"at mqtt2prometheus: it received {Number(received)} messages on {f.Topic} and stored none (status=\"storeError\": the payload does not match its metrics config)"
            : !f.After.Series(f.Metric, device).Any() ? $"at mqtt2prometheus: it has no {f.Metric} for {f.DeviceLabel}=\"{f.Device}\" (its metrics config names no such prom_name, or the reading lacks its mqtt_name)"
            : !f.Scrape.AllUp ? $"between mqtt2prometheus and Prometheus: the scrape of job {f.Scrape.Job} fails"
            : $"between mqtt2prometheus and Prometheus: mqtt2prometheus exposes {f.Metric} but Prometheus has no {f.Metric}{{{f.DeviceLabel}=\"{f.Device}\"}}";
        return $"Where the reading stopped: {stopped}. mqtt2prometheus: {connected}; {receivedText}; {exposedText}. {f.Scrape}.";
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
