using StackTests.Lint.Alloy;

namespace StackTests.Lint;

/// <summary>
/// Rules about this stack's intent rather than what a component accepts: a panel title, rate()
/// over $__rate_interval, a counter under rate(), a log route that reaches Loki with the stack's
/// labels. Inside a stack (a folder with a compose file) they are errors, since the stack or its
/// tests would not work; in a file linted on its own (someone else's dashboard or Alloy config,
/// which the component loads as it is) they are warnings. Errors are kept for what the component
/// itself would reject.
/// </summary>
public static class StackConventions
{
    public static IReadOnlySet<string> Rules { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        RuleIds.PanelTitle, RuleIds.PanelNoTargets, RuleIds.QueryRateInterval, RuleIds.QueryCounterAgg, RuleIds.DashboardUid,
        AlloyRuleIds.ForwardChain, AlloyRuleIds.LokiEndpoint, AlloyRuleIds.Labels,
    };

    /// <summary>Outside a stack, a convention's error becomes a warning that says why.</summary>
    public static Finding OutsideAStack(Finding finding) =>
        finding.Severity == Severity.Error && Rules.Contains(finding.RuleId)
            ? finding with { Severity = Severity.Warning, Message = finding.Message + " (a convention of this stack: a warning outside a compose stack)" }
            : finding;
}
