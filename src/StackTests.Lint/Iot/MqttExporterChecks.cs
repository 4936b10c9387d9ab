using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Iot;

/// <summary>
/// mqtt2prometheus's config: the broker it subscribes to is a compose service and a port the
/// broker listens on; every metric maps an MQTT field to a Prometheus name of a known type.
/// </summary>
public static class MqttExporterChecks
{
    private static readonly HashSet<string> MetricTypes = ["gauge", "counter"];

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = new List<Finding>();
        foreach (var metric in root.Seq("metrics").OfType<YamlMappingNode>())
        {
            var name = metric.Str("prom_name");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(metric.Str("mqtt_name")))
                findings.Add(new Finding(path, metric.Line(), metric.Column(), Severity.Error, RuleIds.MqttExporterMetric,
                    "a metric needs both prom_name and mqtt_name"));
            else if (metric.Str("type") is { } type && !MetricTypes.Contains(type))
                findings.Add(new Finding(path, metric.Line(), metric.Column(), Severity.Error, RuleIds.MqttExporterMetric,
                    $"metric '{name}' has type '{type}'; mqtt2prometheus knows gauge and counter"));
        }
        if (stack is null) return findings;
        if (root.At("mqtt", "server") is YamlScalarNode server)
        {
            var endpoint = Endpoint.TryParse(server.Value);
            var problem = endpoint is null ? "is not a URL with host and port" : stack.EndpointProblem(endpoint.Host, endpoint.Port);
            if (problem is not null)
                findings.Add(new Finding(path, server.Line(), server.Column(), Severity.Error, RuleIds.MqttExporterBroker,
                    $"mqtt.server '{server.Value}': {problem}"));
        }
        else
            findings.Add(new Finding(path, 1, 0, Severity.Error, RuleIds.MqttExporterBroker, "no mqtt.server: the exporter would not know its broker"));
        return findings;
    }
}
