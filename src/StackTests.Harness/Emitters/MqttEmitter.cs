using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace StackTests.Harness.Emitters;

/// <summary>
/// Publishes MQTT messages as an IoT device would, with MQTTnet, over one kept connection: the
/// first publish connects, and a publish after the connection dropped connects again. Readings go
/// out as a JSON object (the shape mqtt2prometheus turns into metrics) that also carries the run id.
/// Every publish, its connect included, is bounded by the timeout.
/// </summary>
public sealed class MqttEmitter(string host, int port, string? runId = null, TimeSpan? timeout = null) : IAsyncDisposable
{
    // While the broker refuses connections, publishes fail at once for this long instead of each waiting for a connect of its own.
    private static readonly TimeSpan RefusedFor = TimeSpan.FromMilliseconds(500);

    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private IMqttClient? _client;
    private DateTimeOffset _lastFailedConnect = DateTimeOffset.MinValue;

    public string RunId { get; } = runId ?? TestRun.Id;

    /// <summary>
    /// Publishes {"temperature":21.5,...,"run_id":"..."} to the topic. Retained, the broker hands it
    /// to a subscriber that connects later too (e.g. an exporter still starting).
    /// </summary>
    public Task PublishReadingsAsync(
        string topic, IReadOnlyDictionary<string, double> readings, bool retain = false, CancellationToken cancellationToken = default) =>
        PublishAsync(topic, BuildReadingsPayload(readings, RunId), retain, cancellationToken);

    /// <summary>Publishes one message with QoS 1 (the broker acknowledges it), connecting first when not connected.</summary>
    public async Task PublishAsync(string topic, string payload, bool retain = false, CancellationToken cancellationToken = default)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        try
        {
            var client = await ConnectedAsync(bounded.Token);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build();
            var result = await client.PublishAsync(message, bounded.Token);
            if (!result.IsSuccess)
                throw new EmitterException($"MQTT broker {host}:{port} refused the message to '{topic}': {result.ReasonCode} {result.ReasonString}");
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

    private async Task<IMqttClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } ready) return ready;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client is { IsConnected: true } connected) return connected;
            if (DateTimeOffset.UtcNow - _lastFailedConnect < RefusedFor)
                throw new EmitterException($"publishing to MQTT broker {host}:{port} failed: it did not accept a connection just now");
            _client?.Dispose();
            _client = new MqttClientFactory().CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId($"stacktests-{Guid.NewGuid():N}")
                .WithTimeout(_timeout)
                .Build();
            try
            {
                await _client.ConnectAsync(options, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _lastFailedConnect = DateTimeOffset.UtcNow;
                throw new EmitterException($"publishing to MQTT broker {host}:{port} failed: cannot connect: {e.Message}", e);
            }
            ServiceCalls.Answered("MQTT broker", new UriBuilder("mqtt", host, port).Uri);
            return _client;
        }
        finally
        {
            _connecting.Release();
        }
    }

    public static string BuildReadingsPayload(IReadOnlyDictionary<string, double> readings, string runId)
    {
        var payload = new JsonObject();
        foreach (var (name, value) in readings) payload[name] = JsonValue.Create(value);
        payload[TestRun.IdLabel] = runId;
        return payload.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try { await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), bounded.Token); }
            catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException) { }
        }
        _client?.Dispose();
        _connecting.Dispose();
    }
}
