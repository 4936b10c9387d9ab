namespace StackTests.Alloy.Syntax;

/// <summary>One token: its kind, where it starts, and its source text (literals keep their quotes).</summary>
public readonly record struct Token(TokenKind Kind, Position Position, string Text)
{
    public override string ToString() => $"{Position} {Kind.Describe()} {Text}";
}
