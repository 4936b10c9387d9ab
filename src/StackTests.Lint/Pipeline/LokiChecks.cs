using System.Globalization;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// Loki's config: its HTTP port (default 3100) is one compose gives the loki service, and
/// structured metadata is allowed only on a schema that can store it.
/// </summary>
public static class LokiChecks
{
    public const string Service = "loki";
    private const int DefaultHttpPort = 3100;

    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = StructuredMetadata(path, root).ToList();
        if (stack is null) return findings;
        if (root.At("server", "http_listen_address") is YamlScalarNode { Value: { Length: > 0 } address } addressNode && ListenAddressChecks.IsLoopback(address.Trim('[', ']') is "::1" ? "::1" : address))
            findings.Add(ListenAddressChecks.Loopback(path, addressNode, Service, "the HTTP API (server.http_listen_address)", address, "Alloy's pushes, the Collector's OTLP export and Grafana's queries"));
        var node = root.At("server", "http_listen_port") as YamlScalarNode;
        if (node is not null && !int.TryParse(node.Value, out _))
            return [.. findings, new Finding(path, node.Line(), node.Column(), Severity.Error, RuleIds.LokiHttpPort, $"server.http_listen_port '{node.Value}' is not a port number")];
        var port = node is null ? DefaultHttpPort : int.Parse(node.Value!);
        if (!stack.Publishes(Service, port))
            findings.Add(new Finding(path, node?.Line() ?? 1, node?.Column() ?? 0, Severity.Error, RuleIds.LokiHttpPort,
                $"Loki's HTTP API listens on port {port}, which compose does not publish for '{Service}' (its ports: {string.Join(", ", stack.Ports(Service).Order())})"));
        return findings;
    }

    /// <summary>Whether the config lets clients send structured metadata (limits_config.allow_structured_metadata, true by default since Loki 3.0).</summary>
    public static bool AllowsStructuredMetadata(YamlMappingNode root) =>
        (root.At("limits_config", "allow_structured_metadata") as YamlScalarNode)?.Value is not { } value
        || !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// loki-structured-metadata: with structured metadata allowed, the active schema period (the last
    /// one whose <c>from</c> has come) must be v13 or newer on the tsdb index. Loki refuses to start
    /// otherwise: grafana/loki pkg/loki/validation.go, "CONFIG ERROR: schema v13 is required to store
    /// Structured Metadata and use native OTLP ingestion" and "`tsdb` index type is required".
    /// </summary>
    private static IEnumerable<Finding> StructuredMetadata(string path, YamlMappingNode root)
    {
        if (!AllowsStructuredMetadata(root)) yield break;
        var periods = (root.At("schema_config", "configs") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>().ToList() ?? [];
        var today = DateTime.UtcNow.Date;
        var active = periods.LastOrDefault(p => !DateTime.TryParse(p.Str("from"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from) || from.Date <= today)
                     ?? periods.FirstOrDefault();
        if (active is null) yield break;
        var why = root.At("limits_config", "allow_structured_metadata") is null
            ? "structured metadata is allowed by default (limits_config.allow_structured_metadata)"
            : "limits_config.allow_structured_metadata is true";
        var schema = active.Get("schema") as YamlScalarNode;
        if (schema?.Value is { } version && int.TryParse(version.TrimStart('v', 'V'), out var number) && number < 13)
            yield return new Finding(path, schema.Line(), schema.Column(), Severity.Error, RuleIds.LokiStructuredMetadata,
                $"the active schema period (from {active.Str("from")}) uses schema {version}, and {why}: Loki refuses to start " +
                "(schema v13 is required to store structured metadata); add a period with schema v13 and store tsdb, or set allow_structured_metadata: false");
        var store = active.Get("store") as YamlScalarNode;
        if (store?.Value is { } index && index != "tsdb")
            yield return new Finding(path, store.Line(), store.Column(), Severity.Error, RuleIds.LokiStructuredMetadata,
                $"the active schema period (from {active.Str("from")}) uses the '{index}' index, and {why}: Loki refuses to start " +
                "(the tsdb index type is required to store structured metadata)");
    }
}
