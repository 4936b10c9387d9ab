namespace StackTests.Alloy.Syntax;

/// <summary>A parsed Alloy file: its top-level statements and its comments.</summary>
public sealed record AlloyDocument(string Path, IReadOnlyList<Statement> Body, IReadOnlyList<Token> Comments)
{
    /// <summary>The top-level blocks, in source order.</summary>
    public IEnumerable<BlockStatement> Blocks => Body.OfType<BlockStatement>();
}
