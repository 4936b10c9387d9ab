namespace StackTests.Lint.Alloy;

/// <summary>The ids of the Alloy rules, as printed in findings; tests match on them, so never rename one.</summary>
public static class AlloyRuleIds
{
    /// <summary>The file does not parse as Alloy syntax.</summary>
    public const string Syntax = "alloy-syntax";

    /// <summary>A reference names no declared component.</summary>
    public const string UnresolvedReference = "alloy-unresolved-reference";

    /// <summary>A reference names a field the component does not export.</summary>
    public const string UnknownExport = "alloy-unknown-export";

    /// <summary>A component lacks an argument or block it cannot work without.</summary>
    public const string MissingArgument = "alloy-missing-argument";

    /// <summary>Logs from a loki.source.* never reach a loki.write through forward_to.</summary>
    public const string ForwardChain = "alloy-forward-chain";

    /// <summary>loki.write does not push to the compose loki service on a port it listens on.</summary>
    public const string LokiEndpoint = "alloy-loki-endpoint";

    /// <summary>Logs reach Loki without a label the stack relies on.</summary>
    public const string Labels = "alloy-labels";

    /// <summary>Two components share a name and label.</summary>
    public const string DuplicateComponent = "alloy-duplicate-component";
}
