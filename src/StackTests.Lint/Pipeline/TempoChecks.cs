using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// Tempo's config: OTLP receivers exist (the collector's exports to them are checked against
/// these ports), and its HTTP API listens on a port compose publishes (Grafana and the tests use it).
/// </summary>
public static class TempoChecks
{
    public const string Service = "tempo";

    /// <summary>The ports Tempo's OTLP receivers listen on (empty when the file cannot be read).</summary>
    public static IReadOnlySet<int> ReceiverPorts(string text)
    {
        try
        {
            return YamlDoc.Parse(text).Map("distributor") is { } distributor
                ? CollectorChecks.ReceiverPorts(distributor).Where(r => r.Key.StartsWith("otlp", StringComparison.Ordinal)).Select(r => r.Port).ToHashSet()
                : new HashSet<int>();
        }
        catch (YamlSyntaxException) { return new HashSet<int>(); }
    }

    /// <summary>server.http_listen_port, 3200 when not set.</summary>
    public static int HttpPort(YamlMappingNode root) =>
        int.TryParse((root.At("server", "http_listen_port") as YamlScalarNode)?.Value, out var p) ? p : 3200;

    /// <summary>Tells the stack the ports Tempo's config makes it listen on.</summary>
    public static void DeclarePorts(string text, ComposeStack stack)
    {
        // A file that does not parse declares nothing; Check reports its syntax error.
        if (!ConfigYaml.TryParse("", text, out var root, out _)) return;
        foreach (var port in ReceiverPorts(text)) stack.DeclareListening(Service, port);
        stack.DeclareListening(Service, HttpPort(root));
    }

    // Prometheus answers /api/v1/write only when started with this flag (web.enable-remote-write-receiver).
    private const string RemoteWriteReceiver = "--web.enable-remote-write-receiver";

    /// <summary>Why the target would refuse remote writes: a Prometheus of compose whose command lacks the receiver flag.</summary>
    private static string? ReceiverProblem(ComposeStack stack, string host, string url)
    {
        var target = stack.File.Services.FirstOrDefault(s => s.Name == host);
        // prom/prometheus, quay.io/prometheus/prometheus, a mirror's .../prom/prometheus: the repository's last part.
        if (target?.Image is not { } image || CommandConfigChecks.RepositoryName(image) != "prometheus") return null;
        if (!url.Contains("/api/v1/write", StringComparison.Ordinal) || target.Command.Contains(RemoteWriteReceiver)) return null;
        return $"service '{host}' answers remote writes only when started with {RemoteWriteReceiver}, which its command lacks; " +
               "the span metrics would never arrive";
    }

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = new List<Finding>();
        var distributor = root.Map("distributor");
        var receivers = distributor is null ? [] : CollectorChecks.ReceiverPorts(distributor).Where(r => r.Key.StartsWith("otlp", StringComparison.Ordinal)).ToList();
        if (receivers.Count == 0)
            findings.Add(new Finding(path, (distributor ?? root).Line(), 0, Severity.Error, RuleIds.TempoReceiver,
                "Tempo has no OTLP receiver (distributor.receivers.otlp.protocols): it would accept no traces from the collector"));
        if (stack is null) return findings;
        if (distributor is not null)
            foreach (var (key, node, address, byDefault) in CollectorChecks.ReceiverAddresses(distributor).Where(r => r.Key.StartsWith("otlp", StringComparison.Ordinal)))
                if (Endpoint.TryParse(address) is { } e && ListenAddressChecks.IsLoopback(e.Host))
                    findings.Add(ListenAddressChecks.Loopback(path, node, Service, $"distributor receiver '{key}'",
                        byDefault ? $"{address} (the default when no endpoint is set)" : address, "the Collector exporting traces to it"));
        foreach (var remoteWrite in (root.At("metrics_generator", "storage", "remote_write") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
        {
            if (remoteWrite.Get("url") is not YamlScalarNode url) continue;
            var endpoint = Endpoint.TryParse(url.Value);
            var problem = endpoint is null ? "is not a URL with a host" : stack.EndpointProblem(endpoint.Host, endpoint.Port);
            problem ??= endpoint is not null ? ReceiverProblem(stack, endpoint.Host, url.Value!) : null;
            if (problem is not null)
                findings.Add(new Finding(path, url.Line(), url.Column(), Severity.Error, RuleIds.TempoRemoteWrite,
                    $"metrics generator remote_write url '{url.Value}': {problem}"));
        }
        var httpPort = root.At("server", "http_listen_port") as YamlScalarNode;
        var port = HttpPort(root);
        if (!stack.Publishes(Service, port))
            findings.Add(new Finding(path, httpPort?.Line() ?? 1, httpPort?.Column() ?? 0, Severity.Error, RuleIds.TempoReceiver,
                $"Tempo's HTTP API listens on port {port}, which compose does not publish for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})"));
        return findings;
    }
}
