using System.Globalization;
using System.Text.RegularExpressions;
using StackTests.Harness;
using StackTests.Harness.Canary;
using StackTests.Harness.Clients;
using StackTests.Harness.Emitters;
using StackTests.Models.Iot;

namespace StackTests.Canary;

/// <summary>
/// IoT readings through Mosquitto and mqtt2prometheus: entry N is a reading of device
/// "&lt;run id&gt;-N" whose temperature is N, so each entry becomes its own sensor series.
/// The scenarios' MqttEmitter publishes them over one kept connection, connecting again after a drop.
/// </summary>
public sealed class IotProbe(IStack stack, string runId) : SignalProbe("iot", stack)
{
    private readonly SequenceLedger _ledger = new();

    private MqttEmitter Broker => Client("mosquitto", "mqtt", url => new MqttEmitter(url.Host, url.Port, runId, TimeSpan.FromSeconds(5)));
    private PrometheusClient Prometheus => Client("prometheus", "http", url => new PrometheusClient(url, TimeSpan.FromSeconds(10)));
    private string Selector => $"device_temperature_celsius{{{MqttExporterConfig.DeviceLabel}=~\"{Regex.Escape(runId)}-[0-9]+\"}}";

    public override Task SendAsync(long sequence, CancellationToken cancellationToken) =>
        BookAsync(_ledger, sequence, () => Broker.PublishReadingsAsync(MountedConfigs.MqttExporter.TopicOf($"{runId}-{sequence}"),
            new Dictionary<string, double> { ["temperature"] = sequence }, cancellationToken: cancellationToken), cancellationToken);

    public override async Task PollAsync(CancellationToken cancellationToken) =>
        _ledger.Observed(Sequences(await Prometheus.QueryAsync(Selector, cancellationToken), runId), DateTimeOffset.UtcNow);

    public override async Task FinalAsync(DateTimeOffset runStart, CancellationToken cancellationToken)
    {
        var window = (long)Math.Ceiling((DateTimeOffset.UtcNow - runStart).TotalSeconds) + 60;
        _ledger.Observed(Sequences(await Prometheus.QueryAsync($"max_over_time({Selector}[{window}s])", cancellationToken), runId), DateTimeOffset.UtcNow);
    }

    public static IEnumerable<long> Sequences(IEnumerable<Sample> samples, string runId) =>
        samples.Select(s => s.Labels.GetValueOrDefault(MqttExporterConfig.DeviceLabel) is { } sensor && sensor.StartsWith(runId + "-", StringComparison.Ordinal)
                            && long.TryParse(sensor[(runId.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0);

    public override bool Complete => _ledger.Complete;
    public override IReadOnlyList<(string Name, SequenceLedger Ledger)> Ledgers => [("iot", _ledger)];
}
