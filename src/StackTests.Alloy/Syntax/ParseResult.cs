namespace StackTests.Alloy.Syntax;

/// <summary>
/// What <see cref="AlloyParser.Parse"/> found: the syntax tree (partial when there are errors) and
/// the errors, earliest first.
/// </summary>
public sealed record ParseResult(AlloyDocument Document, IReadOnlyList<Diagnostic> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
