using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace StackTests.Harness.Emitters;

/// <summary>
/// Publishes MQTT messages as an IoT device would, with MQTTnet. Readings go out as a JSON object
/// (the shape mqtt2prometheus turns into metrics) that also carries the run id; the topic for a
/// device of this run ends in the run id, so mqtt2prometheus's device label identifies the run.
/// </summary>
public sealed class MqttEmitter(string host, int port, string? runId = null, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);

    public string RunId { get; } = runId ?? TestRun.Id;

    /// <summary>The topic of this run's device under a prefix, e.g. "sensors/&lt;run id&gt;".</summary>
    public string DeviceTopic(string prefix) => $"{prefix.TrimEnd('/')}/{RunId}";

    /// <summary>
    /// Publishes {"temperature":21.5,...,"run_id":"..."} to the topic. Retained, the broker hands it
    /// to a subscriber that connects later too (e.g. an exporter still starting).
    /// </summary>
    public Task PublishReadingsAsync(
        string topic, IReadOnlyDictionary<string, double> readings, bool retain = false, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, BuildReadingsPayload(readings, RunId), retain, cancellationToken);

    /// <summary>Connects, publishes one message (QoS 1: the broker acknowledges it) and disconnects, within the timeout.</summary>
    public async Task PublishAsync(string topic, string payload, bool retain = false, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId($"stacktests-{Guid.NewGuid():N}")
            .WithTimeout(_timeout)
            .Build();
        try
        {
            await client.ConnectAsync(options, bounded.Token);
            ServiceCalls.Answered("MQTT broker", new UriBuilder("mqtt", host, port).Uri);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            var result = await client.PublishAsync(message, bounded.Token);
            if (!result.IsSuccess)
                throw new EmitterException($"MQTT broker {host}:{port} refused the message to '{topic}': {result.ReasonCode} {result.ReasonString}");
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), bounded.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmitterException($"publishing to MQTT broker {host}:{port} did not finish within {_timeout.TotalSeconds:0}s", e);
        }
        catch (Exception e) when (e is not EmitterException and not OperationCanceledException)
        {
            throw new EmitterException($"publishing to MQTT broker {host}:{port} failed: {e.Message}", e);
        }
    }

    public static string BuildReadingsPayload(IReadOnlyDictionary<string, double> readings, string runId)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in readings) payload[name] = JsonValue.Create(value);
        payload[TestRun.IdLabel] = runId;
        return payload.ToJsonString();
    }
}
