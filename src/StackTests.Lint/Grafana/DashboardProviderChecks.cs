using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Grafana;

/// <summary>Dashboard provisioning: each file provider's folder is mounted into grafana and holds dashboards.</summary>
public static class DashboardProviderChecks
{
    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack? stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = new List<Finding>();
        foreach (var provider in root.Seq("providers").OfType<YamlMappingNode>())
        {
            var name = provider.Str("name") ?? "?";
            if (provider.At("options", "path") is not YamlScalarNode folder)
            {
                findings.Add(new Finding(path, provider.Line(), provider.Column(), Severity.Error, RuleIds.DashboardProvider,
                    $"dashboard provider '{name}' has no options.path"));
                continue;
            }
            if (stack is null) continue;
            var host = stack.HostPath("grafana", folder.Value ?? "");
            string? problem = host is null
                ? $"is not inside any bind mount of the grafana service in {Path.GetFileName(stack.Path)}"
                : !Directory.Exists(host) ? $"comes from {host}, which does not exist"
                : !Directory.EnumerateFiles(host, "*.json", SearchOption.AllDirectories).Any() ? $"comes from {host}, which holds no dashboard JSON"
                : null;
            if (problem is not null)
                findings.Add(new Finding(path, folder.Line(), folder.Column(), Severity.Error, RuleIds.DashboardProvider,
                    $"dashboard provider '{name}' path '{folder.Value}' {problem}"));
        }
        return findings;
    }
}
