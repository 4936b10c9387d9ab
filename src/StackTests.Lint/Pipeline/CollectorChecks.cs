using StackTests.Lint.Compose;
using StackTests.Lint.Documents;
using YamlDotNet.RepresentationModel;

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
        if (!YamlDoc.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
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
        foreach (var (key, node, port) in ReceiverPorts(root))
            if (!stack.Publishes(Service, port))
                Error(node, RuleIds.CollectorReceiverPort,
                    $"receiver '{key}' listens on port {port}, which compose does not publish or expose for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})");
        return findings;
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
