using StackTests.Models;
using StackTests.Lint.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Prometheus;

/// <summary>
/// Alertmanager's receivers that post to a bare host name (no dots: a compose service, like
/// the alert-sink webhook) go to a service and port that exist. Receivers on the internet
/// (hosts with dots) are not the stack's business.
/// </summary>
public static class AlertmanagerWiringChecks
{
    public static IReadOnlyList<Finding> Check(string path, string text, ComposeStack stack)
    {
        if (!ConfigYaml.TryParse(path, text, out var root, out var syntaxError)) return [syntaxError];
        var findings = new List<Finding>();
        foreach (var receiver in root.Seq("receivers").OfType<YamlMappingNode>())
        foreach (var (kind, configs) in receiver.Children)
        {
            if (configs is not YamlSequenceNode list) continue;
            foreach (var url in list.Children.OfType<YamlMappingNode>().Select(c => c.Get("url")).OfType<YamlScalarNode>())
            {
                var endpoint = Endpoint.TryParse(url.Value);
                if (endpoint is null || endpoint.Host.Contains('.', StringComparison.Ordinal)) continue;
                if (stack.EndpointProblem(endpoint.Host, endpoint.Port) is { } problem)
                    findings.Add(new Finding(path, url.Line(), url.Column(), Severity.Error, RuleIds.AlertmanagerReceiverUrl,
                        $"receiver '{receiver.Str("name")}' {(kind as YamlScalarNode)?.Value} posts to {url.Value}: {problem}"));
            }
        }
        return findings;
    }
}
