namespace StackTests.Bdd;

/// <summary>A step's doc string: its content and the media type written after the opening delimiter (""" json).</summary>
public sealed record DocString(string Content, string? MediaType)
{
    public override string ToString() => Content;
}
