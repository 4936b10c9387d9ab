using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// The OpenTelemetry Collector's config: pipelines name only components that exist; given
/// compose.yaml, exporters send to services and ports they listen on (by compose or their own
/// config, so an export to Tempo must hit a port Tempo's receivers use), and receivers listen on
/// ports compose publishes for otel-collector (clients send from the host).
/// </summary>
public static class CollectorChecks
{
    public const string Service = "otel-collector";

    /// <summary>Exporter types that push to an endpoint (the rest, like prometheus, serve one).</summary>
    private static readonly HashSet<string> PushExporters =
        ["otlp", "otlphttp", "otlp_grpc", "otlp_http", "prometheusremotewrite", "loki", "zipkin", "jaeger"];

    /// <summary>Exporter types that listen on an endpoint for others to scrape.</summary>
    private static readonly HashSet<string> ServingExporters = ["prometheus"];

    private static readonly Dictionary<string, int> DefaultReceiverPorts = new() { ["grpc"] = 4317, ["http"] = 4318 };

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = new List<Finding>();
        void Error(YamlNode at, string rule, string message) => findings.Add(new Finding(path, at.Line(), at.Column(), Severity.Error, rule, message));

        CheckPipelines(root, Error);
        if (stack is null) return findings;

        foreach (var (key, exporter) in Components(root, "exporters"))
        {
            var type = key.Split('/')[0];
            if (exporter.Get("endpoint") is not YamlScalarNode endpointNode) continue;
            var endpoint = Endpoint.TryParse(endpointNode.Value);
            if (PushExporters.Contains(type))
            {
                var problem = endpoint is null ? $"'{endpointNode.Value}' is not host:port or a URL" : stack.EndpointProblem(endpoint.Host, endpoint.Port);
                if (problem is not null)
                    Error(endpointNode, RuleIds.CollectorExporterEndpoint, $"exporter '{key}' sends to {endpointNode.Value}: {problem}");
            }
            else if (ServingExporters.Contains(type) && endpoint is not null && !stack.Publishes(Service, endpoint.Port))
                Error(endpointNode, RuleIds.CollectorReceiverPort,
                    $"exporter '{key}' serves on port {endpoint.Port}, which compose does not publish or expose for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})");
        }
        foreach (var (key, extension) in Components(root, "extensions"))
            if (extension.Get("endpoint") is YamlScalarNode node && Endpoint.TryParse(node.Value) is { } e && !stack.Publishes(Service, e.Port))
                Error(node, RuleIds.CollectorReceiverPort,
                    $"extension '{key}' listens on port {e.Port}, which compose does not publish for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})");
        findings.AddRange(LoopbackServers(path, root));
        findings.AddRange(OtlpHttpPaths(path, root, stack));
        foreach (var (key, node, port) in ReceiverPorts(root))
            if (!stack.Publishes(Service, port))
                Error(node, RuleIds.CollectorReceiverPort,
                    $"receiver '{key}' listens on port {port}, which compose does not publish or expose for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})");
        return findings;
    }

    /// <summary>
    /// The OTLP/HTTP paths each component of the stack serves, by image repository (or service name):
    /// Loki serves OTLP logs at /otlp/v1/logs (grafana/loki docs/sources/send-data/otel, pkg/loki/modules.go
    /// "/otlp/v1/logs"; its push API /loki/api/v1/push is not OTLP); Tempo's and the Collector's OTLP
    /// receivers the default /v1/{signal} paths (receiver/otlpreceiver/config.go defaultTracesURLPath ...);
    /// Prometheus /api/v1/otlp/v1/metrics (prometheus/prometheus web/api/v1/api.go).
    /// </summary>
    private static readonly Dictionary<string, string[]> OtlpHttpServed = new(StringComparer.Ordinal)
    {
        ["loki"] = ["/otlp/v1/logs"],
        ["tempo"] = ["/v1/traces"],
        ["prometheus"] = ["/api/v1/otlp/v1/metrics"],
        ["opentelemetry-collector-contrib"] = ["/v1/traces", "/v1/metrics", "/v1/logs"],
        ["opentelemetry-collector"] = ["/v1/traces", "/v1/metrics", "/v1/logs"],
    };

    /// <summary>
    /// otlp-http-path: an OTLP/HTTP exporter appends /v1/traces, /v1/metrics or /v1/logs to its
    /// <c>endpoint</c> for each signal it sends (exporter/otlphttpexporter/README.md; a
    /// <c>traces_endpoint</c>, <c>metrics_endpoint</c> or <c>logs_endpoint</c> is used as it is); the
    /// URL that gives must be one the receiving service serves, or every export answers 404.
    /// </summary>
    private static IEnumerable<Finding> OtlpHttpPaths(string path, YamlMappingNode root, ComposeStack stack)
    {
        foreach (var (key, exporter) in Components(root, "exporters").Where(c => c.Key.Split('/')[0] is "otlphttp" or "otlp_http"))
        foreach (var signal in Signals(root, key))
        {
            var own = exporter.Get(signal + "_endpoint") as YamlScalarNode;
            var node = own ?? exporter.Get("endpoint") as YamlScalarNode;
            if (node?.Value is not { } value || !Uri.TryCreate(value, UriKind.Absolute, out var uri)) continue;
            var target = stack.File.Services.FirstOrDefault(s => s.Name == uri.Host);
            if (target is null) continue; // outside the stack, or collector-exporter-endpoint's finding
            var component = CommandConfigChecks.RepositoryName(target.Image) is { } repository && OtlpHttpServed.ContainsKey(repository) ? repository : target.Name;
            if (!OtlpHttpServed.TryGetValue(component, out var served)) continue;
            var url = own is not null ? uri.AbsolutePath : uri.AbsolutePath.TrimEnd('/') + "/v1/" + signal;
            if (served.Contains(url)) continue;
            var how = own is not null ? $"{signal}_endpoint is used as it is" : $"the exporter appends /v1/{signal} to its endpoint";
            var hint = component == "loki" && uri.AbsolutePath.StartsWith("/loki/api/v1/push", StringComparison.Ordinal)
                ? "; Loki's push API is not OTLP" : "";
            yield return new Finding(path, node.Line(), node.Column(), Severity.Error, RuleIds.OtlpHttpPath,
                $"exporter '{key}' sends {signal} to {uri.Scheme}://{uri.Authority}{url} ({how}), which '{target.Name}' does not serve " +
                $"(it serves OTLP/HTTP at {string.Join(", ", served)}){hint}");
        }
    }

    /// <summary>The signals (traces, metrics, logs) of the pipelines that use the exporter.</summary>
    private static IEnumerable<string> Signals(YamlMappingNode root, string exporter) =>
        ((root.At("service", "pipelines") as YamlMappingNode)?.Children.AsEnumerable() ?? [])
        .Where(p => p.Value is YamlMappingNode body && body.Seq("exporters").OfType<YamlScalarNode>().Any(e => e.Value == exporter))
        .Select(p => ((p.Key as YamlScalarNode)?.Value ?? "").Split('/')[0])
        .Where(signal => signal is "traces" or "metrics" or "logs")
        .Distinct();

    /// <summary>listen-loopback: receivers (explicit or by default), the serving exporters and published extensions on loopback.</summary>
    private static IEnumerable<Finding> LoopbackServers(string path, YamlMappingNode root)
    {
        foreach (var (key, node, address, byDefault) in ReceiverAddresses(root))
            if (Endpoint.TryParse(address) is { } e && ListenAddressChecks.IsLoopback(e.Host))
                yield return ListenAddressChecks.Loopback(path, node, Service, $"receiver '{key}'", byDefault ? $"{address} (the default when no endpoint is set)" : address,
                    "applications and other containers sending to it");
        foreach (var (key, exporter) in Components(root, "exporters").Where(c => ServingExporters.Contains(c.Key.Split('/')[0])))
            if (exporter.Get("endpoint") is YamlScalarNode node && Endpoint.TryParse(node.Value) is { } e && ListenAddressChecks.IsLoopback(e.Host))
                yield return ListenAddressChecks.Loopback(path, node, Service, $"exporter '{key}'", node.Value!, "Prometheus' scrape");
    }

    /// <summary>
    /// The address each receiver listens on: an OTLP protocol's endpoint, else its default
    /// (localhost:4317 / localhost:4318 since Collector v0.104); a plain endpoint setting.
    /// </summary>
    public static IEnumerable<(string Key, YamlNode Node, string Address, bool ByDefault)> ReceiverAddresses(YamlMappingNode receiversParent)
    {
        foreach (var (key, receiver) in Components(receiversParent, "receivers"))
        {
            if (receiver.Map("protocols") is { } protocols)
            {
                foreach (var (protocolNode, settings) in protocols.Children)
                {
                    var protocol = (protocolNode as YamlScalarNode)?.Value ?? "";
                    if ((settings as YamlMappingNode)?.Get("endpoint") is YamlScalarNode endpointNode)
                        yield return ($"{key}/{protocol}", endpointNode, endpointNode.Value ?? "", false);
                    else if (key.Split('/')[0] == "otlp" && DefaultReceiverPorts.TryGetValue(protocol, out var port))
                        yield return ($"{key}/{protocol}", protocolNode, $"localhost:{port}", true);
                }
            }
            else if (receiver.Get("endpoint") is YamlScalarNode endpoint)
                yield return (key, endpoint, endpoint.Value ?? "", false);
        }
    }

    private static void CheckPipelines(YamlMappingNode root, Action<YamlNode, string, string> error)
    {
        var pipelines = root.At("service", "pipelines") as YamlMappingNode;
        if (pipelines is null || pipelines.Children.Count == 0)
        {
            error(root, RuleIds.CollectorPipeline, "service.pipelines is empty: the collector would receive nothing");
            return;
        }
        var connectors = Components(root, "connectors").Select(c => c.Key).ToHashSet();
        foreach (var (nameNode, pipelineNode) in pipelines.Children)
        {
            var pipeline = (nameNode as YamlScalarNode)?.Value ?? "?";
            if (pipelineNode is not YamlMappingNode body) continue;
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                var defined = Components(root, section).Select(c => c.Key).ToHashSet();
                if (section != "processors") defined.UnionWith(connectors);
                foreach (var used in body.Seq(section).OfType<YamlScalarNode>())
                    if (!defined.Contains(used.Value ?? ""))
                        error(used, RuleIds.CollectorPipeline,
                            $"pipeline '{pipeline}' uses {section[..^1]} '{used.Value}', which the top-level '{section}' section does not define");
            }
        }
    }

    private static IEnumerable<(string Key, YamlMappingNode Body)> Components(YamlMappingNode root, string section) =>
        root.Map(section)?.Children.Select(kv => ((kv.Key as YamlScalarNode)?.Value ?? "", kv.Value as YamlMappingNode ?? new YamlMappingNode()))
        ?? [];

    /// <summary>The ports receivers listen on: OTLP protocols (default 4317/4318) and plain endpoint settings.</summary>
    public static IEnumerable<(string Key, YamlNode Node, int Port)> ReceiverPorts(YamlMappingNode receiversParent)
    {
        foreach (var (key, receiver) in Components(receiversParent, "receivers"))
        {
            if (receiver.Map("protocols") is { } protocols)
            {
                foreach (var (protocolNode, settings) in protocols.Children)
                {
                    var protocol = (protocolNode as YamlScalarNode)?.Value ?? "";
                    var endpointNode = (settings as YamlMappingNode)?.Get("endpoint") as YamlScalarNode;
                    var port = Endpoint.TryParse(endpointNode?.Value)?.Port
                        ?? (DefaultReceiverPorts.TryGetValue(protocol, out var p) ? p : 0);
                    if (port > 0) yield return ($"{key}/{protocol}", (YamlNode?)endpointNode ?? protocolNode, port);
                }
            }
            else if (receiver.Get("endpoint") is YamlScalarNode endpoint && Endpoint.TryParse(endpoint.Value) is { } e)
                yield return (key, endpoint, e.Port);
        }
    }
}
