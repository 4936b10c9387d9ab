namespace StackTests.Alloy.Syntax;

/// <summary>
/// Recursive-descent parser for Alloy configuration files, following grafana/alloy's
/// syntax/parser: the same grammar, the same error messages at the same positions, and the same
/// recovery (it keeps going to report more errors; at most one error per line from the grammar).
/// <code>
///   File       = Body
///   Body       = [ Statement { terminator Statement } ]
///   Statement  = Attribute | Block
///   Attribute  = identifier "=" Expression
///   Block      = BlockName "{" Body "}"
///   BlockName  = identifier { "." identifier } [ string ]
///   Expression = OrExpr; OrExpr = AndExpr { "||" AndExpr }; AndExpr = CmpExpr { "&amp;&amp;" CmpExpr }
///   CmpExpr    = AddExpr { cmp_op AddExpr }; AddExpr = MulExpr { add_op MulExpr }
///   MulExpr    = PowExpr { mul_op PowExpr }; PowExpr = UnaryExpr [ "^" PowExpr ]   (right-associative)
///   UnaryExpr  = OperExpr | ( "!" | "-" ) UnaryExpr
///   OperExpr   = PrimaryExpr { "." identifier | "[" Expression "]" | "(" [ ExpressionList ] ")" }
///   PrimaryExpr = identifier | string | number | float | bool | null | "(" Expression ")"
///               | "[" [ ExpressionList ] "]" | "{" [ FieldList ] "}"
///   ExpressionList = Expression { "," Expression } [ "," ]
///   FieldList  = Field { "," Field } [ "," ];  Field = ( string | identifier ) "=" Expression
/// </code>
/// </summary>
public sealed class AlloyParser
{
    private readonly string _path;
    private readonly Lexer _lexer;
    private readonly List<Diagnostic> _errors = [];
    private readonly List<Token> _comments = [];

    private Token _token;
    private int _lastErrorLine;

    private AlloyParser(string path, string text)
    {
        _path = path;
        _lexer = new Lexer(text, (position, message) => _errors.Add(new Diagnostic(_path, position, message)), includeComments: true);
        Next();
    }

    /// <summary>Parses a whole file. Never throws on bad input: see <see cref="ParseResult.Errors"/>.</summary>
    public static ParseResult Parse(string path, string text)
    {
        var parser = new AlloyParser(path, text);
        var body = parser.ParseBody(TokenKind.Eof);
        var errors = parser._errors.OrderBy(e => e.Position.Offset).ToList(); // stable: ties keep discovery order
        return new ParseResult(new AlloyDocument(path, body, parser._comments), errors);
    }

    /// <summary>Parses a whole file; throws <see cref="AlloyParseException"/> naming the first error.</summary>
    public static AlloyDocument ParseOrThrow(string path, string text)
    {
        var result = Parse(path, text);
        return result.Succeeded ? result.Document : throw new AlloyParseException(result.Errors);
    }

    /// <summary>Parses a single expression (e.g. for tests); errors name <paramref name="path"/>.</summary>
    public static (Expression Expression, IReadOnlyList<Diagnostic> Errors) ParseExpression(string path, string text)
    {
        var parser = new AlloyParser(path, text);
        var expression = parser.Expression();
        if (parser._token.Kind == TokenKind.Terminator) parser.Next();
        if (parser._token.Kind != TokenKind.Eof)
            parser.Error($"expected end of expression, got {parser._token.Kind.Describe()}");
        return (expression, parser._errors.OrderBy(e => e.Position.Offset).ToList());
    }

    private TokenKind Kind => _token.Kind;

    private void Next()
    {
        _token = _lexer.Scan();
        while (_token.Kind == TokenKind.Comment)
        {
            _comments.Add(_token);
            _token = _lexer.Scan();
        }
    }

    // Grammar errors are reported at the current token, at most one per line (as Alloy does).
    private void Error(string message)
    {
        if (_token.Position.Line == _lastErrorLine) return;
        _lastErrorLine = _token.Position.Line;
        _errors.Add(new Diagnostic(_path, _token.Position, message));
    }

    private void ErrorAt(Position position, string message) => _errors.Add(new Diagnostic(_path, position, message));

    private Token Expect(TokenKind kind)
    {
        var token = _token;
        if (token.Kind != kind) Error($"expected {kind.Describe()}, got {token.Kind.Describe()}");
        Next();
        return token;
    }

    private void AdvanceTo(TokenKind kind)
    {
        while (Kind != TokenKind.Eof && Kind != kind) Next();
    }

    private List<Statement> ParseBody(TokenKind until)
    {
        var body = new List<Statement>();
        while (Kind != until && Kind != TokenKind.Eof)
        {
            if (ParseStatement() is { } statement) body.Add(statement);
            if (Kind == until) break;
            if (Kind != TokenKind.Terminator)
            {
                Error($"expected {TokenKind.Terminator.Describe()}, got {Kind.Describe()}");
                SkipStatement();
            }
            Next();
        }
        return body;
    }

    // Skips to the terminator that ends the current statement, past any nested (), [] and {}.
    private void SkipStatement()
    {
        int curly = 0, brack = 0, paren = 0;
        while (Kind != TokenKind.Eof)
        {
            switch (Kind)
            {
                case TokenKind.LCurly: curly++; break;
                case TokenKind.RCurly: curly--; break;
                case TokenKind.LBrack: brack++; break;
                case TokenKind.RBrack: brack--; break;
                case TokenKind.LParen: paren++; break;
                case TokenKind.RParen: paren--; break;
                case TokenKind.Terminator when curly <= 0 && brack <= 0 && paren <= 0:
                    return;
            }
            Next();
        }
    }

    private Statement? ParseStatement()
    {
        var name = ParseBlockName();
        if (name is null)
        {
            AdvanceTo(TokenKind.Ident); // skip to what could start the next statement
            return null;
        }

        switch (Kind)
        {
            case TokenKind.Assign:
                Next();
                if (name.Fragments.Count != 1)
                    ErrorAt(name.Start, "attribute names may only consist of a single identifier with no \".\"");
                else if (name.LabelPosition is { } labelPosition)
                    ErrorAt(labelPosition, "attribute names may not have labels");
                return new AttributeStatement(new Identifier(name.Fragments[0], name.Start), Expression());

            case TokenKind.LCurly:
                var lCurly = Expect(TokenKind.LCurly).Position;
                var body = ParseBody(TokenKind.RCurly);
                var rCurly = Expect(TokenKind.RCurly).Position;
                return new BlockStatement(name.Fragments, name.Start, name.Label, name.LabelPosition, body, lCurly, rCurly);

            default:
                Error(name.Fragments.Count == 1 && name.Label is null
                    ? $"expected attribute assignment or block body, got {Kind.Describe()}"
                    : $"expected block body, got {Kind.Describe()}");
                AdvanceTo(TokenKind.Ident);
                return null;
        }
    }

    private sealed record BlockName(List<string> Fragments, Position Start, string? Label, Position? LabelPosition);

    private BlockName? ParseBlockName()
    {
        if (Kind != TokenKind.Ident)
        {
            Error($"expected identifier, got {Kind.Describe()}");
            return null;
        }

        var fragments = new List<string> { _token.Text };
        var start = _token.Position;
        Next();
        while (Kind == TokenKind.Dot)
        {
            Next();
            if (Kind != TokenKind.Ident) Error($"expected identifier, got {Kind.Describe()}"); // keep going: the name is malformed
            fragments.Add(_token.Text);
            Next();
        }

        string? label = null;
        Position? labelPosition = null;
        if (Kind != TokenKind.Assign && Kind != TokenKind.LCurly)
        {
            if (Kind == TokenKind.String)
            {
                var raw = _token.Text;
                if (raw[0] != '"') Error($"expected block label to be a double quoted string, but got {GoQuote(raw)}");
                // A non-empty label must be a valid identifier.
                label = raw.Length > 2 ? raw[1..^1] : "";
                if (label.Length > 0 && !Lexer.IsValidIdentifier(label))
                    Error($"expected block label to be a valid identifier, but got {GoQuote(label)}");
                labelPosition = _token.Position;
            }
            else
            {
                Error($"expected block label, got {Kind.Describe()}");
            }
            Next();
        }
        return new BlockName(fragments, start, label, labelPosition);
    }

    private Expression Expression() => BinaryOperation(1);

    // Precedence climbing over the left-associative operators; ^ is handled by PowExpression.
    private Expression BinaryOperation(int minimumPrecedence)
    {
        var left = PowExpression();
        while (true)
        {
            var op = _token;
            var precedence = op.Kind.BinaryPrecedence();
            if (precedence < minimumPrecedence || precedence == 0) return left;
            Next();
            var right = BinaryOperation(precedence + 1);
            left = new BinaryExpression(left, op.Kind, op.Position, right);
        }
    }

    private Expression PowExpression()
    {
        var left = UnaryExpression();
        if (Kind != TokenKind.Pow) return left;
        var op = _token;
        Next();
        return new BinaryExpression(left, TokenKind.Pow, op.Position, PowExpression());
    }

    private Expression UnaryExpression()
    {
        if (Kind is TokenKind.Not or TokenKind.Sub)
        {
            var op = _token;
            Next();
            return new UnaryExpression(op.Kind, op.Position, UnaryExpression());
        }

        var primary = PrimaryExpression();
        while (true)
        {
            switch (Kind)
            {
                case TokenKind.Dot:
                    Next();
                    var name = Expect(TokenKind.Ident);
                    primary = new AccessExpression(primary, new Identifier(name.Text, name.Position));
                    break;

                case TokenKind.LBrack:
                    var lBrack = Expect(TokenKind.LBrack).Position;
                    var index = Expression();
                    var rBrack = Expect(TokenKind.RBrack).Position;
                    primary = new IndexExpression(primary, lBrack, index, rBrack);
                    break;

                case TokenKind.LParen:
                    var lParen = Expect(TokenKind.LParen).Position;
                    var arguments = Kind != TokenKind.RParen ? ExpressionList(TokenKind.RParen) : [];
                    var rParen = Expect(TokenKind.RParen).Position;
                    primary = new CallExpression(primary, lParen, arguments, rParen);
                    break;

                case TokenKind.String or TokenKind.LCurly:
                    // Probably a block written where an expression belongs (`x = a.b "label" { ... }`):
                    // parse it as a block to say so; if it is not one, skip the rest of the statement.
                    if (Kind == TokenKind.String) Next();
                    if (Expect(TokenKind.LCurly).Kind != TokenKind.LCurly)
                    {
                        SkipStatement();
                        return primary;
                    }
                    ParseBody(TokenKind.RCurly);
                    if (Expect(TokenKind.RCurly).Kind != TokenKind.RCurly)
                    {
                        SkipStatement();
                        return primary;
                    }
                    ErrorAt(primary.Start, "cannot use a block as an expression");
                    break;

                default:
                    return primary;
            }
        }
    }

    private Expression PrimaryExpression()
    {
        var token = _token;
        switch (token.Kind)
        {
            case TokenKind.Ident:
                Next();
                return new IdentifierExpression(new Identifier(token.Text, token.Position));

            case TokenKind.String or TokenKind.Number or TokenKind.Float or TokenKind.Bool or TokenKind.Null:
                Next();
                return new LiteralExpression(token.Kind, token.Text, token.Position);

            case TokenKind.LParen:
                Next();
                var inner = Expression();
                var rParen = Expect(TokenKind.RParen).Position;
                return new ParenExpression(token.Position, inner, rParen);

            case TokenKind.LBrack:
                Next();
                var elements = Kind != TokenKind.RBrack ? ExpressionList(TokenKind.RBrack) : [];
                var rBrack = Expect(TokenKind.RBrack).Position;
                return new ArrayExpression(token.Position, elements, rBrack);

            case TokenKind.LCurly:
                Next();
                var fields = FieldList(TokenKind.RCurly);
                var rCurly = Expect(TokenKind.RCurly).Position;
                return new ObjectExpression(token.Position, fields, rCurly);
        }

        Error($"expected expression, got {token.Kind.Describe()}");
        // Eat the rest of the line up to what ends an expression.
        while (Kind is not (TokenKind.Eof or TokenKind.Terminator or TokenKind.RParen or TokenKind.RCurly or TokenKind.RBrack or TokenKind.Comma))
            Next();
        return new LiteralExpression(TokenKind.Null, "null", token.Position);
    }

    private List<Expression> ExpressionList(TokenKind until)
    {
        var expressions = new List<Expression>();
        while (Kind != until && Kind != TokenKind.Eof)
        {
            expressions.Add(Expression());
            if (Kind == until) break;
            if (Kind != TokenKind.Comma) Error("missing ',' in expression list");
            Next();
        }
        return expressions;
    }

    private List<ObjectField> FieldList(TokenKind until)
    {
        var fields = new List<ObjectField>();
        while (Kind != until && Kind != TokenKind.Eof)
        {
            fields.Add(Field());
            if (Kind == until) break;
            if (Kind != TokenKind.Comma) Error("missing ',' in field list");
            Next();
        }
        return fields;
    }

    private ObjectField Field()
    {
        var token = _token;
        Identifier name;
        var quoted = false;
        if (token.Kind is TokenKind.String or TokenKind.Ident)
        {
            name = new Identifier(token.Text, token.Position);
            if (token.Kind == TokenKind.String && token.Text.Length > 2)
            {
                name = name with { Name = StringLiterals.Unquote(token.Text) };
                quoted = true;
            }
            Next();
        }
        else
        {
            Error($"expected field name (string or identifier), got {token.Kind.Describe()}");
            name = new Identifier("", token.Position);
            AdvanceTo(TokenKind.Assign);
        }
        Expect(TokenKind.Assign);
        return new ObjectField(name, quoted, Expression());
    }

    // Go's %q, enough for the messages above.
    private static string GoQuote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
