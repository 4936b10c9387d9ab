namespace StackTests.Lint;

public enum Severity { Warning, Error }

/// <summary>
/// One result of a config check, printed the way compilers print diagnostics:
/// <c>path:line:col: error|warning: rule-id: message</c>. Line and column are 1-based; 0 when unknown.
/// </summary>
public sealed record Finding(string Path, int Line, int Column, Severity Severity, string RuleId, string Message)
{
    public override string ToString() =>
        $"{Path}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")}: {RuleId}: {Message}";
}
