namespace StackTests.Alloy.Syntax;

/// <summary>A place in a source text: 0-based character offset, 1-based line and column.</summary>
public readonly record struct Position(int Offset, int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
