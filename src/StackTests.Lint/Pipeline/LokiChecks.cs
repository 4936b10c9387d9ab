using StackTests.Lint.Compose;
using StackTests.Lint.Documents;
using YamlDotNet.RepresentationModel;

namespace StackTests.Lint.Pipeline;

/// <summary>Loki's config: its HTTP port (default 3100) is one compose gives the loki service.</summary>
public static class LokiChecks
{
    public const string Service = "loki";
    private const int DefaultHttpPort = 3100;

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!YamlDoc.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        if (stack is null) return [];
        var node = root.At("server", "http_listen_port") as YamlScalarNode;
        if (node is not null && !int.TryParse(node.Value, out _))
            return [new Finding(path, node.Line(), node.Column(), Severity.Error, RuleIds.LokiHttpPort, $"server.http_listen_port '{node.Value}' is not a port number")];
        var port = node is null ? DefaultHttpPort : int.Parse(node.Value!);
        if (stack.Publishes(Service, port)) return [];
        return [new Finding(path, node?.Line() ?? 1, node?.Column() ?? 0, Severity.Error, RuleIds.LokiHttpPort,
            $"Loki's HTTP API listens on port {port}, which compose does not publish for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})")];
    }
}
