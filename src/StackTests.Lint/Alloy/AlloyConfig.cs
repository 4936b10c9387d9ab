using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>A parsed Alloy file as the rules see it: its path (for findings) and its component graph.</summary>
internal sealed record AlloyConfig(string Path, ComponentGraph Graph)
{
    public Finding Error(Position position, string ruleId, string message) =>
        new(Path, position.Line, position.Column, Severity.Error, ruleId, message);

    public Finding Warning(Position position, string ruleId, string message) =>
        new(Path, position.Line, position.Column, Severity.Warning, ruleId, message);
}
