using System.Text;
using MQTTnet;

namespace StackTests.Harness.Clients;

/// <summary>
/// The version an MQTT broker reports about itself: Mosquitto publishes it, retained, on the topic
/// $SYS/broker/version ("mosquitto version 2.0.11"; mosquitto's src/sys_tree.c), which a subscriber
/// receives at once.
/// </summary>
public static class MqttBrokerVersion
{
    public const string Topic = "$SYS/broker/version";

    /// <summary>The payload of $SYS/broker/version, or null when the broker sent none within the timeout.</summary>
    public static async Task<string?> AskAsync(string host, int port, TimeSpan timeout)
    {
        using var bounded = new CancellationTokenSource(timeout);
        using var client = new MqttClientFactory().CreateMqttClient();
        var answer = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == Topic) answer.TrySetResult(Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId($"stacktests-{Guid.NewGuid():N}").WithTimeout(timeout).Build();
        try
        {
            await client.ConnectAsync(options, bounded.Token);
            await client.SubscribeAsync(Topic, cancellationToken: bounded.Token);
            return await answer.Task.WaitAsync(bounded.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException) { return null; }
        finally
        {
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
    }
}
