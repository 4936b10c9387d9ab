using StackTests.Alloy.Syntax;

namespace StackTests.Alloy.Graph;

/// <summary>
/// One component of a config: a top-level block with a label, e.g. <c>loki.write "default"</c>,
/// whose id is <c>loki.write.default</c>. Schema is null for types the catalog does not know
/// (including custom components from <c>declare</c> and imported modules).
/// </summary>
public sealed record Component(BlockStatement Block, ComponentSchema? Schema)
{
    /// <summary>The component type, e.g. <c>loki.write</c>.</summary>
    public string Name => Block.FullName;

    public string Label => Block.Label ?? "";

    /// <summary>Name and label joined by dots: how other components refer to it.</summary>
    public string Id => $"{Name}.{Label}";

    public IReadOnlyList<string> IdFragments => [.. Block.Name, Label];

    public Position Position => Block.NamePosition;

    /// <summary>The argument (attribute directly in the body) of this name, or null.</summary>
    public AttributeStatement? Argument(string name) => Block.Attribute(name);

    public override string ToString() => Id;
}
