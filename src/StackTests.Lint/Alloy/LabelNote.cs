using StackTests.Alloy.Syntax;

namespace StackTests.Lint.Alloy;

/// <summary>Something in the config that looks like it sets a label but does not, and why.</summary>
internal sealed record LabelNote(string Label, Position Position, string Why)
{
    public override string ToString() => $"line {Position.Line}: {Why}";
}
