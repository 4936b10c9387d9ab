namespace StackTests.Alloy.Syntax;

/// <summary>A name as written in the source, with where it starts.</summary>
public sealed record Identifier(string Name, Position Position)
{
    public override string ToString() => Name;
}
