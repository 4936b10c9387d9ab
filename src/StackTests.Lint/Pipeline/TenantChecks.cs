using StackTests.Models;
using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;
using StackTests.Lint.Alloy;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Pipeline;

/// <summary>
/// tenant-missing: Loki or Tempo runs multi-tenant, so every request must name its tenant in the
/// X-Scope-OrgID header, and a client of the stack sends none: Loki answers 401 "no org id" to
/// each push and query, Tempo refuses the spans. Loki's <c>auth_enabled</c> is true unless the config
/// says false (grafana/loki pkg/loki/loki.go, flag auth.enabled, default true); Tempo's
/// <c>multitenancy_enabled</c> is false by default (grafana/tempo cmd/tempo/app/config.go). The
/// clients: Alloy's <c>loki.write</c> endpoints (<c>tenant_id</c> or a <c>headers</c> entry;
/// grafana/alloy docs/sources/reference/components/loki/loki.write.md), the Collector's exporters
/// (<c>headers</c>, or an <c>auth</c> extension that may set it; confighttp/configgrpc client
/// settings), Grafana's Loki and Tempo datasources (<c>jsonData.httpHeaderNameN</c>:
/// grafana docs/sources/administration/provisioning, custom HTTP headers).
/// </summary>
public static class TenantChecks
{
    private const string Header = "X-Scope-OrgID";

    public static IReadOnlyList<Finding> Check(ComposeStack stack, IReadOnlyList<(string Path, string Text, FileKind Kind)> files)
    {
        var multiTenant = new Dictionary<string, string>(StringComparer.Ordinal); // service -> why
        foreach (var (path, text, kind) in files)
        {
            if (!ConfigYaml.TryParse(path, text, out var root, out _)) continue;
            if (kind == FileKind.LokiConfig && stack.HasService(LokiChecks.Service))
            {
                var auth = root.Get("auth_enabled") as YamlScalarNode;
                if (auth is null || string.Equals(auth.Value, "true", StringComparison.OrdinalIgnoreCase))
                    multiTenant[LokiChecks.Service] = auth is null
                        ? $"Loki runs multi-tenant ({path} does not set auth_enabled, which defaults to true)"
                        : $"Loki runs multi-tenant (auth_enabled: true, {path}:{auth.Line()})";
            }
            if (kind == FileKind.TempoConfig && stack.HasService(TempoChecks.Service)
                && root.Get("multitenancy_enabled") is YamlScalarNode { Value: var tempo } node && string.Equals(tempo, "true", StringComparison.OrdinalIgnoreCase))
                multiTenant[TempoChecks.Service] = $"Tempo runs multi-tenant (multitenancy_enabled: true, {path}:{node.Line()})";
        }
        if (multiTenant.Count == 0) return [];

        var findings = new List<Finding>();
        foreach (var (path, text, kind) in files)
        {
            switch (kind)
            {
                case FileKind.Alloy:
                    findings.AddRange(AlloyWrites(path, text, multiTenant));
                    break;
                case FileKind.CollectorConfig when ConfigYaml.TryParse(path, text, out var root, out _):
                    findings.AddRange(CollectorExporters(path, root, multiTenant));
                    break;
                case FileKind.DatasourceProvisioning when ConfigYaml.TryParse(path, text, out var root, out _):
                    findings.AddRange(Datasources(path, root, multiTenant));
                    break;
            }
        }
        return findings;
    }

    private static Finding Missing(string path, int line, int column, string client, string why) =>
        new(path, line, column, Severity.Error, RuleIds.TenantMissing,
            $"{client} sends no {Header} header: {why}, so it refuses every request without a tenant (401 \"no org id\"); set the tenant on this client, or switch multi-tenancy off");

    private static IEnumerable<Finding> AlloyWrites(string path, string text, Dictionary<string, string> multiTenant)
    {
        if (!multiTenant.TryGetValue(LokiChecks.Service, out var why)) yield break;
        var parsed = AlloyParser.Parse(path, text);
        if (!parsed.Succeeded) yield break;
        foreach (var write in ComponentGraph.Build(parsed.Document).OfType("loki.write"))
        foreach (var endpoint in write.Block.BlocksNamed("endpoint"))
        {
            if (endpoint.Attribute("url") is not { } url || AlloyValues.String(url.Value) is not { } value
                || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Host != LokiChecks.Service) continue;
            var hasTenant = endpoint.Attribute("tenant_id") is not null
                || AlloyValues.Fields(endpoint.Attribute("headers")?.Value).Any(f => string.Equals(f.Name.Name, Header, StringComparison.OrdinalIgnoreCase));
            if (!hasTenant)
                yield return Missing(path, url.Value.Start.Line, url.Value.Start.Column, $"{write.Id} (endpoint {value})", why);
        }
    }

    private static IEnumerable<Finding> CollectorExporters(string path, YamlMappingNode root, Dictionary<string, string> multiTenant)
    {
        foreach (var (keyNode, body) in root.Map("exporters")?.Children.AsEnumerable() ?? [])
        {
            if (body is not YamlMappingNode exporter || exporter.Get("endpoint") is not YamlScalarNode endpoint) continue;
            if (Endpoint.TryParse(endpoint.Value) is not { } target || !multiTenant.TryGetValue(target.Host, out var why)) continue;
            var headers = (exporter.Map("headers")?.Children.AsEnumerable() ?? []).Select(h => (h.Key as YamlScalarNode)?.Value ?? "");
            if (headers.Any(h => string.Equals(h, Header, StringComparison.OrdinalIgnoreCase)) || exporter.Get("auth") is not null) continue;
            yield return Missing(path, endpoint.Line(), endpoint.Column(), $"exporter '{(keyNode as YamlScalarNode)?.Value}' (endpoint {endpoint.Value})", why);
        }
    }

    private static IEnumerable<Finding> Datasources(string path, YamlMappingNode root, Dictionary<string, string> multiTenant)
    {
        foreach (var ds in root.Seq("datasources").OfType<YamlMappingNode>())
        {
            if (ds.Get("url") is not YamlScalarNode url || Endpoint.TryParse(url.Value) is not { } target || !multiTenant.TryGetValue(target.Host, out var why)) continue;
            var jsonData = ds.Map("jsonData");
            var sendsTenant = jsonData?.Children.Any(kv => (kv.Key as YamlScalarNode)?.Value?.StartsWith("httpHeaderName", StringComparison.Ordinal) == true
                && string.Equals((kv.Value as YamlScalarNode)?.Value, Header, StringComparison.OrdinalIgnoreCase)) == true;
            if (!sendsTenant)
                yield return Missing(path, url.Line(), url.Column(), $"Grafana datasource '{ds.Str("name")}' (url {url.Value})", why);
        }
    }
}
