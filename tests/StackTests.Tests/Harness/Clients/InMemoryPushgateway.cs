namespace StackTests.Tests.Harness.Clients;

/// <summary>
/// A real Pushgateway (LocalComponent) that keeps pushed groups in memory only: Debian's build
/// persists them by default to /var/lib/prometheus/pushgateway.data, which every run on the host shares.
/// </summary>
internal static class InMemoryPushgateway
{
    public static Task<LocalComponent> StartAsync()
    {
        var binary = LocalComponent.RequireBinary("prometheus-pushgateway", "prometheus-pushgateway");
        return LocalComponent.StartAsync("pushgateway", binary, (port, _) => [$"--web.listen-address=127.0.0.1:{port}", "--persistence.file="]);
    }
}
