namespace StackTests.Alloy.Syntax;

/// <summary>A syntax error: file, 1-based line and column, and what is wrong.</summary>
public sealed record Diagnostic(string Path, Position Position, string Message)
{
    public int Line => Position.Line;
    public int Column => Position.Column;

    public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
}
