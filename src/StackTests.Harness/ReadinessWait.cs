using System.Net.Sockets;
using StackTests.Compose;

namespace StackTests.Harness;

/// <summary>
/// Polls a service's readiness probe (compose.yaml's x-stacktests.ready) at a host and port until it answers: 2xx
/// for an HTTP probe, an accepted connection for a TCP one. Bounded by the probe's timeout;
/// a failed check of "still alive" ends the wait at once.
/// </summary>
public static class ReadinessWait
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="alive">null while the service can still become ready; else why it cannot (e.g. "exited with code 1")</param>
    public static async Task UntilReadyAsync(string service, ReadinessProbe probe, string host, int port,
        Func<string?>? alive, CancellationToken cancellationToken)
    {
        var url = probe.Path is null ? null : $"http://{host}:{port}{probe.Path}";
        await Eventually.UntilAsync(
            $"{service} to be ready",
            url is null ? $"TCP connect {host}:{port}" : $"GET {url}",
            async token =>
            {
                if (alive?.Invoke() is { } gone) throw new PollingAbortedException($"{service} {gone}");
                if (url is null) return await CanConnectAsync(host, port, token) ? "accepting connections" : "refused";
                using var response = await Http.GetAsync(url, token);
                return $"{(int)response.StatusCode} {response.ReasonPhrase}";
            },
            observed => observed.StartsWith('2') || observed == "accepting connections",
            new EventuallyOptions(probe.Timeout, PollInterval),
            cancellationToken: cancellationToken);
    }

    private static async Task<bool> CanConnectAsync(string host, int port, CancellationToken token)
    {
        using var client = new TcpClient();
        try { await client.ConnectAsync(host, port, token); return true; }
        catch (SocketException) { return false; }
    }
}
