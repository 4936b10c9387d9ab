namespace StackTests.Alloy.Syntax;

/// <summary>A statement of a body: an attribute <c>name = expr</c> or a block <c>a.b "label" { ... }</c>.</summary>
public abstract record Statement
{
    public abstract Position Start { get; }
}

/// <summary><c>name = value</c></summary>
public sealed record AttributeStatement(Identifier Name, Expression Value) : Statement
{
    public override Position Start => Name.Position;
}

/// <summary><c>name.fragments "label" { body }</c>; Label is null when the block has none.</summary>
public sealed record BlockStatement(
    IReadOnlyList<string> Name,
    Position NamePosition,
    string? Label,
    Position? LabelPosition,
    IReadOnlyList<Statement> Body,
    Position LCurly,
    Position RCurly) : Statement
{
    public override Position Start => NamePosition;

    /// <summary>The dotted name, e.g. <c>loki.source.docker</c>.</summary>
    public string FullName => string.Join('.', Name);

    public IEnumerable<AttributeStatement> Attributes => Body.OfType<AttributeStatement>();

    public IEnumerable<BlockStatement> Blocks => Body.OfType<BlockStatement>();

    /// <summary>The attribute of this name directly in the body, or null.</summary>
    public AttributeStatement? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name.Name == name);

    /// <summary>The blocks of this name directly in the body (a block may repeat, e.g. <c>rule</c>).</summary>
    public IEnumerable<BlockStatement> BlocksNamed(string name) => Blocks.Where(b => b.FullName == name);

    public override string ToString() => Label is null ? FullName : $"{FullName} \"{Label}\"";
}
