using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Syntax;

public sealed class ParserTests
{
    private static AlloyDocument Parse(string text) => AlloyParser.ParseOrThrow("test.alloy", text);

    private static IReadOnlyList<Diagnostic> Errors(string text) => AlloyParser.Parse("test.alloy", text).Errors;

    // Fully parenthesised form of an expression, to make structure and precedence visible.
    private static string Show(Expression e) => e switch
    {
        LiteralExpression l => l.Raw,
        IdentifierExpression i => i.Name.Name,
        AccessExpression a => $"{Show(a.Value)}.{a.Name.Name}",
        IndexExpression i => $"{Show(i.Value)}[{Show(i.Index)}]",
        CallExpression c => $"{Show(c.Value)}({string.Join(", ", c.Arguments.Select(Show))})",
        ArrayExpression a => $"[{string.Join(", ", a.Elements.Select(Show))}]",
        ObjectExpression o => $"{{{string.Join(", ", o.Fields.Select(f => $"{(f.Quoted ? $"\"{f.Name.Name}\"" : f.Name.Name)} = {Show(f.Value)}"))}}}",
        UnaryExpression u => $"({u.Operator.Describe()}{Show(u.Operand)})",
        BinaryExpression b => $"({Show(b.Left)} {b.Operator.Describe()} {Show(b.Right)})",
        ParenExpression p => $"<{Show(p.Inner)}>",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    private static string ShowExpression(string text)
    {
        var (expression, errors) = AlloyParser.ParseExpression("test.alloy", text);
        errors.Should().BeEmpty();
        return Show(expression);
    }

    [Fact]
    public void A_labelled_block_with_a_dotted_name()
    {
        var block = Parse("loki.write \"default\" {\n  endpoint {\n    url = \"http://loki:3100/loki/api/v1/push\"\n  }\n}\n")
            .Blocks.Single();

        block.Name.Should().Equal("loki", "write");
        block.Label.Should().Be("default");
        block.NamePosition.Should().Be(new Position(0, 1, 1));
        block.LabelPosition.Should().Be(new Position(11, 1, 12));
        var endpoint = block.BlocksNamed("endpoint").Single();
        endpoint.Label.Should().BeNull();
        var url = endpoint.Attribute("url")!;
        url.Name.Position.Should().Be(new Position(40, 3, 5));
        ((LiteralExpression)url.Value).StringValue.Should().Be("http://loki:3100/loki/api/v1/push");
    }

    [Fact]
    public void Objects_with_quoted_keys_nested_objects_and_trailing_commas()
    {
        ShowExpression("{ job = \"docker\", \"quoted key\" = { inner = [1, 2,], }, }")
            .Should().Be("{job = \"docker\", \"quoted key\" = {inner = [1, 2]}}");
    }

    [Fact]
    public void A_multiline_list_needs_a_comma_after_its_last_element()
    {
        var errors = Errors("a = [\n  1,\n  2\n]\n");

        errors.Select(e => (e.Line, e.Column, e.Message)).Should().Equal((3, 4, "missing ',' in expression list"));
    }

    [Fact]
    public void Multiplication_binds_tighter_than_addition_and_comparison_than_logic()
    {
        ShowExpression("1 + 2 * 3 - 4").Should().Be("((1 + (2 * 3)) - 4)");
        ShowExpression("a || b && c == d").Should().Be("(a || (b && (c == d)))");
        ShowExpression("1 < 2 == true").Should().Be("((1 < 2) == true)");
    }

    [Fact]
    public void Power_is_right_associative_and_unary_binds_tighter_still()
    {
        ShowExpression("1 ^ 2 ^ 3").Should().Be("(1 ^ (2 ^ 3))");
        ShowExpression("-2 ^ 2").Should().Be("((-2) ^ 2)");
        ShowExpression("!a || b").Should().Be("((!a) || b)");
        ShowExpression("1 * 3 + 5 ^ 3 - 2 % 1").Should().Be("(((1 * 3) + (5 ^ 3)) - (2 % 1))");
    }

    [Fact]
    public void Parentheses_group()
    {
        ShowExpression("(5 * 2) + 5").Should().Be("(<(5 * 2)> + 5)");
        ShowExpression("2 * (3 + 4)").Should().Be("(2 * <(3 + 4)>)");
    }

    [Fact]
    public void Access_index_and_call_chain()
    {
        ShowExpression("discovery.docker.containers.targets[0]").Should().Be("discovery.docker.containers.targets[0]");
        ShowExpression("array.concat(a.b, [sys.env(\"X\")],)").Should().Be("array.concat(a.b, [sys.env(\"X\")])");
        ShowExpression("(a.b.c)(1, 3 * l[i * 2]).field").Should().Be("<a.b.c>(1, (3 * l[(i * 2)])).field");
    }

    [Fact]
    public void Literal_values()
    {
        var body = Parse("a = 10\nb = 15.5\nc = \"x\\ty\"\nd = `r\\aw`\ne = true\nf = null\n").Body.Cast<AttributeStatement>()
            .Select(a => ((LiteralExpression)a.Value).Value).ToList();

        body.Should().Equal(10L, 15.5, "x\ty", "r\\aw", true, null);
    }

    [Fact]
    public void Comments_are_kept_apart_from_the_body()
    {
        var document = Parse("// head\na = 1 /* after */\n/* multi\nline */\nb { // inside\n}\n");

        document.Body.Should().HaveCount(2);
        document.Comments.Select(c => c.Text).Should().Equal("// head", "/* after */", "/* multi\nline */", "// inside");
    }

    [Fact]
    public void Two_statements_on_one_line_are_an_error_at_the_second()
    {
        Errors("a = 1 b = 2").Select(e => (e.Line, e.Column, e.Message))
            .Should().Equal((1, 7, "expected TERMINATOR, got IDENT"));
    }

    [Fact]
    public void A_missing_value_is_reported_at_the_token_found_instead()
    {
        // No terminator follows "=", so the newline is skipped and the next token is "}".
        Errors("block {\n  a =\n}\n").Select(e => (e.Line, e.Column, e.Message))
            .Should().Equal((3, 1, "expected expression, got }"));
    }

    [Fact]
    public void An_unclosed_block_is_reported_at_end_of_file()
    {
        Errors("block {\n  a = 1\n").Select(e => (e.Line, e.Column, e.Message))
            .Should().Equal((3, 1, "expected }, got EOF"));
    }

    [Fact]
    public void A_label_must_be_a_quoted_identifier()
    {
        Errors("loki.write default {\n}\n").Single().Message.Should().Be("expected block label, got IDENT");
        Errors("loki.write \"my-label\" {\n}\n").Single().Message
            .Should().Be("expected block label to be a valid identifier, but got \"my-label\"");
        Errors("loki.write `raw` {\n}\n").Single().Message
            .Should().Be("expected block label to be a double quoted string, but got \"`raw`\"");
    }

    [Fact]
    public void An_object_key_must_be_a_name_or_string()
    {
        Errors("a = {\n  1337 = \"x\",\n}\n").Select(e => (e.Line, e.Column, e.Message))
            .Should().Equal((2, 3, "expected field name (string or identifier), got NUMBER"));
    }

    [Fact]
    public void The_first_error_is_the_earliest_in_the_file_and_later_ones_are_still_found()
    {
        var errors = Errors("a = 1 2\nb = [1 2]\nc = 'x'\n");

        errors.Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (1, 7, "expected TERMINATOR, got NUMBER"),
            (2, 8, "missing ',' in expression list"),
            (3, 5, "illegal single-quoted string; use double quotes"), // the lexer's error, then the parser's
            (3, 5, "expected expression, got ILLEGAL"));
    }

    [Fact]
    public void ParseOrThrow_names_file_line_column_and_problem()
    {
        var act = () => AlloyParser.ParseOrThrow("compose/alloy/config.alloy", "loki.write \"default\" {\n  endpoint {\n    url = \n  }\n}\n");

        act.Should().Throw<AlloyParseException>()
            .WithMessage("compose/alloy/config.alloy:4:3: expected expression, got }")
            .Which.First.Line.Should().Be(4);
    }

    [Fact]
    public void An_empty_file_is_an_empty_document()
    {
        Parse("").Body.Should().BeEmpty();
        Parse("\n\n// only a comment\n").Body.Should().BeEmpty();
    }

    [Fact]
    public void Windows_line_endings_parse_like_unix_ones()
    {
        const string unix = "a = 1 // one\nb {\n  c = [\n    `x`,\n  ]\n}\n";

        var windows = Parse(unix.Replace("\n", "\r\n"));

        windows.Body.Select(s => (s.GetType().Name, s.Start.Line, s.Start.Column))
            .Should().Equal(Parse(unix).Body.Select(s => (s.GetType().Name, s.Start.Line, s.Start.Column)));
        windows.Comments.Single().Text.Should().Be("// one");
    }
}
