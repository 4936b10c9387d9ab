namespace StackTests.Alloy.Syntax;

/// <summary>An Alloy expression; every node knows where it starts.</summary>
public abstract record Expression
{
    public abstract Position Start { get; }
}

/// <summary>A string, number, float, bool or null literal. Raw is the source text (strings keep their quotes).</summary>
public sealed record LiteralExpression(TokenKind Kind, string Raw, Position Position) : Expression
{
    public override Position Start => Position;

    /// <summary>The value: string (escapes resolved), long or ulong, double, bool, or null.</summary>
    public object? Value => Kind switch
    {
        TokenKind.String => StringLiterals.Unquote(Raw),
        TokenKind.Number => long.TryParse(Raw, out var l) ? l : ulong.TryParse(Raw, out var u) ? u : double.Parse(Raw, System.Globalization.CultureInfo.InvariantCulture),
        TokenKind.Float => double.Parse(Raw, System.Globalization.CultureInfo.InvariantCulture),
        TokenKind.Bool => Raw == "true",
        _ => null,
    };

    /// <summary>The string value when this is a string literal, else null.</summary>
    public string? StringValue => Kind == TokenKind.String ? StringLiterals.Unquote(Raw) : null;
}

/// <summary>A bare name: <c>foo</c>.</summary>
public sealed record IdentifierExpression(Identifier Name) : Expression
{
    public override Position Start => Name.Position;
}

/// <summary>Field access: <c>value.name</c>.</summary>
public sealed record AccessExpression(Expression Value, Identifier Name) : Expression
{
    public override Position Start => Value.Start;
}

/// <summary>Indexing: <c>value[index]</c>.</summary>
public sealed record IndexExpression(Expression Value, Position LBrack, Expression Index, Position RBrack) : Expression
{
    public override Position Start => Value.Start;
}

/// <summary>A function call: <c>value(args...)</c>.</summary>
public sealed record CallExpression(Expression Value, Position LParen, IReadOnlyList<Expression> Arguments, Position RParen) : Expression
{
    public override Position Start => Value.Start;
}

/// <summary><c>[a, b, c]</c></summary>
public sealed record ArrayExpression(Position LBrack, IReadOnlyList<Expression> Elements, Position RBrack) : Expression
{
    public override Position Start => LBrack;
}

/// <summary><c>{ key = value, "quoted key" = value }</c></summary>
public sealed record ObjectExpression(Position LCurly, IReadOnlyList<ObjectField> Fields, Position RCurly) : Expression
{
    public override Position Start => LCurly;

    /// <summary>The value of the field with this key, or null.</summary>
    public Expression? Field(string key) => Fields.FirstOrDefault(f => f.Name.Name == key)?.Value;
}

/// <summary>One <c>key = value</c> of an object; Quoted when the key was written as a string.</summary>
public sealed record ObjectField(Identifier Name, bool Quoted, Expression Value);

/// <summary><c>!x</c> or <c>-x</c>.</summary>
public sealed record UnaryExpression(TokenKind Operator, Position OperatorPosition, Expression Operand) : Expression
{
    public override Position Start => OperatorPosition;
}

/// <summary><c>left op right</c>.</summary>
public sealed record BinaryExpression(Expression Left, TokenKind Operator, Position OperatorPosition, Expression Right) : Expression
{
    public override Position Start => Left.Start;
}

/// <summary><c>( inner )</c></summary>
public sealed record ParenExpression(Position LParen, Expression Inner, Position RParen) : Expression
{
    public override Position Start => LParen;
}
