using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// listen-loopback: a server that other containers (or the host, through a published port) dial
/// listens on the loopback interface inside its own container, so every connection from outside
/// that container is refused although the service starts and is healthy alone. Each component's
/// default counts where its config names no address:
/// <list type="bullet">
/// <item>the Collector's OTLP receivers: localhost:4317 / localhost:4318 since v0.104
/// (opentelemetry-collector receiver/otlpreceiver/README.md, "endpoint (default = localhost:4317
/// for grpc protocol, localhost:4318 http protocol)"; CHANGELOG v0.104.0: the
/// component.UseLocalHostAsDefaultHost feature gate became stable);</item>
/// <item>Tempo's distributor receivers: Tempo builds them with the Collector's receiver factories
/// (grafana/tempo modules/distributor/receiver/shim.go), so the same defaults apply;</item>
/// <item>Loki's HTTP server: <c>server.http_listen_address</c>, all interfaces when empty
/// (dskit server, grafana/loki docs/sources/shared/configuration.md);</item>
/// <item>Alloy's HTTP server: <c>--server.http.listen-addr</c>, default 127.0.0.1:12345
/// (grafana/alloy docs/sources/reference/cli/run.md);</item>
/// <item>the Collector's Prometheus exporter: its <c>endpoint</c>, which Prometheus scrapes.</item>
/// </list>
/// </summary>
public static class ListenAddressChecks
{
    public const string DefaultAlloyListen = "127.0.0.1:12345";

    /// <summary>Whether a listen host is the loopback interface (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string host) =>
        host is "localhost" or "::1" or "[::1]" || host.StartsWith("127.", StringComparison.Ordinal);

    /// <summary>A finding for a server of <paramref name="service"/> bound to loopback.</summary>
    public static Finding Loopback(string path, YamlNode at, string service, string what, string address, string dialedBy) =>
        new(path, at.Line(), at.Column(), Severity.Error, RuleIds.ListenLoopback,
            $"{what} of '{service}' listens on {address}, the loopback interface inside its container: {dialedBy} cannot connect; listen on 0.0.0.0 (or the container's address)");

    /// <summary>Alloy's HTTP server address, from its command, against the ports compose gives the service.</summary>
    public static IEnumerable<Finding> CheckAlloyCommand(ComposeStack stack, YamlMappingNode root)
    {
        foreach (var service in stack.File.Services.Where(s => CommandConfigChecks.RepositoryName(s.Image) == "alloy"))
        {
            var args = (service.Entrypoint ?? []).Concat(service.Command).ToList();
            if (!args.Contains("run")) continue;
            var address = DefaultAlloyListen;
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i].StartsWith("--server.http.listen-addr=", StringComparison.Ordinal)) address = args[i][(args[i].IndexOf('=') + 1)..];
                else if (args[i] == "--server.http.listen-addr" && i + 1 < args.Count) address = args[i + 1];
            }
            if (Endpoint.TryParse(address) is not { } endpoint || !IsLoopback(endpoint.Host)) continue;
            if (!service.ContainerPorts.Contains(endpoint.Port) && !service.NamedPorts.Values.Contains(endpoint.Port)) continue;
            var at = root.At("services", service.Name, "command") ?? root.At("services", service.Name) ?? root;
            var given = address == DefaultAlloyListen && !args.Any(a => a.StartsWith("--server.http.listen-addr", StringComparison.Ordinal))
                ? $"{address} (the default of --server.http.listen-addr)" : address;
            yield return Loopback(stack.Path, at, service.Name, "the HTTP server (UI, /metrics, /-/ready)", given,
                $"Prometheus' scrape and the published port {endpoint.Port}");
        }
    }
}
