using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;
using StackTests.Models.Grafana;

namespace StackTests.Lint.Grafana;

/// <summary>
/// Grafana datasource provisioning: fixed, unique UIDs for Prometheus, Loki and Tempo;
/// every <c>datasourceUid</c> cross-reference (Loki derived fields, Tempo traces-to-logs,
/// service map, Prometheus exemplars) resolves; URLs point at compose services and ports.
/// </summary>
public static class DatasourceChecks
{
    /// <summary>The UID each required datasource type must have: dashboards and correlations rely on them.</summary>
    public static readonly IReadOnlyDictionary<string, string> FixedUids = new Dictionary<string, string>
    {
        ["prometheus"] = "prometheus", ["loki"] = "loki", ["tempo"] = "tempo",
    };

    /// <summary>Reads the datasources of one provisioning file; a syntax error is a finding.</summary>
    public static (IReadOnlyList<GrafanaDatasource> Datasources, IReadOnlyList<Finding> Findings, YamlMappingNode? Root) Read(string path, string text)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return ([], [syntaxError], null);
        return (GrafanaDatasource.FromProvisioningFile(root, path), [], root);
    }

    /// <summary>Checks all provisioning files together (UIDs are unique across files).</summary>
    public static IReadOnlyList<Finding> Check(IReadOnlyList<(string Path, string Text)> files, ComposeStack? stack)
    {
        var findings = new List<Finding>();
        var all = new List<GrafanaDatasource>();
        var roots = new List<(string Path, YamlMappingNode Root)>();
        foreach (var (path, text) in files)
        {
            var (datasources, errors, root) = Read(path, text);
            findings.AddRange(errors);
            all.AddRange(datasources);
            if (root is not null) roots.Add((path, root));
        }
        if (roots.Count == 0) return findings;
        Finding Error(string path, int line, string rule, string message) => new(path, line, 0, Severity.Error, rule, message);

        foreach (var ds in all.Where(d => string.IsNullOrEmpty(d.Uid)))
            findings.Add(Error(ds.Path, ds.Line, RuleIds.DatasourceUid, $"datasource '{ds.Name}' has no uid; give it a fixed uid so dashboards and links can refer to it"));
        foreach (var group in all.Where(d => !string.IsNullOrEmpty(d.Uid)).GroupBy(d => d.Uid).Where(g => g.Count() > 1))
            foreach (var ds in group.Skip(1))
                findings.Add(Error(ds.Path, ds.Line, RuleIds.DatasourceUid, $"datasource '{ds.Name}' reuses uid '{ds.Uid}' of '{group.First().Name}'"));
        CheckOneDefault(roots, findings);
        var first = roots[0].Path;
        foreach (var (type, uid) in FixedUids)
        {
            var ofType = all.Where(d => d.Type == type).ToList();
            if (ofType.Count == 0)
                findings.Add(Error(first, 1, RuleIds.DatasourceUid, $"no datasource of type '{type}' (the stack needs one with uid '{uid}')"));
            else if (ofType.All(d => d.Uid != uid))
                findings.Add(Error(ofType[0].Path, ofType[0].Line, RuleIds.DatasourceUid,
                    $"datasource '{ofType[0].Name}' of type '{type}' has uid '{ofType[0].Uid}'; it must be '{uid}'"));
        }

        var uids = all.Select(d => d.Uid).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (path, root) in roots)
        foreach (var ds in root.Seq("datasources").OfType<YamlMappingNode>())
        {
            var name = ds.Str("name") ?? "?";
            foreach (var (key, value) in References(ds))
                if (!uids.Contains(value.Value ?? ""))
                    findings.Add(new Finding(path, value.Line(), value.Column(), Severity.Error, RuleIds.DatasourceReference,
                        $"datasource '{name}': {key} '{value.Value}' is not the uid of any provisioned datasource (uids: {string.Join(", ", uids.Order())})"));
            foreach (var field in (ds.At("jsonData", "derivedFields") as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [])
                if (field.Get("matcherRegex") is YamlScalarNode regex && BrowserRegex.Problem(regex.Value ?? "") is { } regexProblem)
                    findings.Add(new Finding(path, regex.Line(), regex.Column(), Severity.Error, RuleIds.DatasourceDerivedField,
                        $"datasource '{name}': derived field '{field.Str("name")}' matcherRegex '{regex.Value}' {regexProblem}"));
            if (stack is not null && ds.Get("url") is YamlScalarNode url)
            {
                var endpoint = Endpoint.TryParse(url.Value);
                var problem = endpoint is null ? "is not a URL with a host" : stack.EndpointProblem(endpoint.Host, endpoint.Port);
                if (problem is not null)
                    findings.Add(new Finding(path, url.Line(), url.Column(), Severity.Error, RuleIds.DatasourceUrl,
                        $"datasource '{name}' url '{url.Value}': {problem}"));
            }
        }
        return findings;
    }

    /// <summary>
    /// datasource-default: at most one datasource per organisation (orgId, 1 when absent) with
    /// isDefault, across all files. Grafana's provisioning (pkg/services/provisioning/datasources/
    /// config_reader.go, validateDefaultUniqueness) refuses the whole configuration otherwise:
    /// "datasource.yaml config is invalid. Only one datasource per organization can be marked as default".
    /// </summary>
    private static void CheckOneDefault(List<(string Path, YamlMappingNode Root)> roots, List<Finding> findings)
    {
        var firstDefault = new Dictionary<string, (string Name, string Path, int Line)>(StringComparer.Ordinal);
        foreach (var (path, root) in roots)
        foreach (var ds in root.Seq("datasources").OfType<YamlMappingNode>())
        {
            if (ds.Get("isDefault") is not YamlScalarNode { Value: var flag } node || !string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)) continue;
            var org = ds.Str("orgId") ?? "1";
            var name = ds.Str("name") ?? "?";
            if (firstDefault.TryGetValue(org, out var first))
                findings.Add(new Finding(path, node.Line(), node.Column(), Severity.Error, RuleIds.DatasourceDefault,
                    $"datasource '{name}' is marked isDefault, and so is '{first.Name}' ({first.Path}:{first.Line}) in organisation {org}; " +
                    "Grafana refuses the whole provisioning: only one datasource per organization can be marked as default"));
            else firstDefault[org] = (name, path, node.Line());
        }
    }

    /// <summary>Every <c>datasourceUid</c> value under a datasource's jsonData, with the path of keys leading to it.</summary>
    private static IEnumerable<(string Key, YamlScalarNode Value)> References(YamlMappingNode datasource)
    {
        var stack = new Stack<(string Key, YamlNode Node)>();
        if (datasource.Get("jsonData") is { } jsonData) stack.Push(("jsonData", jsonData));
        while (stack.Count > 0)
        {
            var (key, node) = stack.Pop();
            switch (node)
            {
                case YamlMappingNode map:
                    foreach (var (k, v) in map.Children)
                    {
                        var name = (k as YamlScalarNode)?.Value ?? "";
                        if (name == "datasourceUid" && v is YamlScalarNode s) yield return ($"{key}.{name}", s);
                        else stack.Push(($"{key}.{name}", v));
                    }
                    break;
                case YamlSequenceNode seq:
                    for (var i = 0; i < seq.Children.Count; i++) stack.Push(($"{key}[{i}]", seq.Children[i]));
                    break;
            }
        }
    }
}
