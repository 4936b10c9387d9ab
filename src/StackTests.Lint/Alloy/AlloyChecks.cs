using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;
using StackTests.Compose;

namespace StackTests.Lint.Alloy;

/// <summary>
/// The checks of a Grafana Alloy config. <see cref="CheckFile"/> needs only the file;
/// <see cref="CheckStack"/> also checks it against the compose stack and includes CheckFile's findings.
/// A file that does not parse gets only its alloy-syntax findings.
/// </summary>
public static class AlloyChecks
{
    /// <summary>The labels every log stream must carry: the stack's queries and dashboards select on them.</summary>
    public static readonly IReadOnlyList<string> RequiredLabels = ["job", "container", "compose_service", "compose_project", "stream"];

    /// <summary>alloy-syntax, alloy-duplicate-component, alloy-unresolved-reference, alloy-unknown-export, alloy-missing-argument, alloy-forward-chain.</summary>
    public static IReadOnlyList<Finding> CheckFile(string path, string text)
    {
        var (config, syntax) = Parse(path, text);
        return config is null ? syntax : FileFindings(config);
    }

    /// <summary>
    /// CheckFile's findings plus alloy-loki-endpoint and alloy-labels. <paramref name="listeningPorts"/>
    /// gives the ports a compose service listens on; by default its published container ports
    /// (pass your own to count <c>expose:</c> entries too).
    /// </summary>
    public static IReadOnlyList<Finding> CheckStack(string path, string text, ComposeFile compose,
        Func<string, IReadOnlySet<int>>? listeningPorts = null)
    {
        var (config, syntax) = Parse(path, text);
        if (config is null) return syntax;
        listeningPorts ??= service => compose.Services.FirstOrDefault(s => s.Name == service)?.Ports
            .Select(p => p.ContainerPort).ToHashSet() ?? [];
        return
        [
            .. FileFindings(config),
            .. LokiEndpointRule.Check(config, compose, listeningPorts),
            .. LabelsRule.Check(config, RequiredLabels),
        ];
    }

    private static (AlloyConfig? Config, IReadOnlyList<Finding> Syntax) Parse(string path, string text)
    {
        var result = AlloyParser.Parse(path, text);
        if (!result.Succeeded)
            return (null, result.Errors
                .Select(e => new Finding(path, e.Line, e.Column, Severity.Error, AlloyRuleIds.Syntax, e.Message))
                .ToList());
        return (new AlloyConfig(path, ComponentGraph.Build(result.Document)), []);
    }

    private static List<Finding> FileFindings(AlloyConfig config) =>
    [
        .. DuplicateComponentRule.Check(config),
        .. ReferenceRules.Check(config),
        .. RequiredArgumentsRule.Check(config),
        .. ForwardChainRule.Check(config),
        .. RegexRule.Check(config),
    ];
}
