using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Syntax;

public sealed class LexerTests
{
    private static List<string> Kinds(string text) =>
        Lexer.Tokenize(text).Select(t => t.Kind == TokenKind.Terminator ? ";" : t.Kind.Describe()).ToList();

    private static List<(Position Position, string Message)> Errors(string text)
    {
        var errors = new List<(Position, string)>();
        var lexer = new Lexer(text, (p, m) => errors.Add((p, m)));
        while (lexer.Scan().Kind != TokenKind.Eof) { }
        return errors;
    }

    [Fact]
    public void A_newline_ends_a_statement_only_after_a_name_literal_or_closing_bracket()
    {
        Kinds("a = [\n1,\n2\n]\nb {\n}\n").Should().Equal(
            "IDENT", "=", "[", "NUMBER", ",", "NUMBER", ";", "]", ";", "IDENT", "{", "}", ";", "EOF");
    }

    [Fact]
    public void End_of_file_ends_a_statement_like_a_newline()
    {
        Kinds("a = b").Should().Equal("IDENT", "=", "IDENT", ";", "EOF");
    }

    [Fact]
    public void A_comment_running_to_the_end_of_the_line_gets_the_terminator_at_its_start()
    {
        var tokens = Lexer.Tokenize("a = 1 // one\nb = 2 /* two */\n", includeComments: true);

        tokens.Select(t => t.Kind).Should().Equal(
            TokenKind.Ident, TokenKind.Assign, TokenKind.Number, TokenKind.Terminator, TokenKind.Comment,
            TokenKind.Ident, TokenKind.Assign, TokenKind.Number, TokenKind.Terminator, TokenKind.Comment, TokenKind.Eof);
        tokens[3].Position.Should().Be(new Position(6, 1, 7));
        tokens[4].Text.Should().Be("// one");
    }

    [Fact]
    public void A_block_comment_inside_a_line_is_skipped()
    {
        Kinds("a = 1 /* one */ + 2").Should().Equal("IDENT", "=", "NUMBER", "+", "NUMBER", ";", "EOF");
    }

    [Fact]
    public void Numbers_floats_and_exponents()
    {
        Lexer.Tokenize("1 15.0 .5 1e3 2.5E-2").Where(t => t.Kind is TokenKind.Number or TokenKind.Float)
            .Select(t => (t.Kind, t.Text))
            .Should().Equal((TokenKind.Number, "1"), (TokenKind.Float, "15.0"), (TokenKind.Float, ".5"),
                (TokenKind.Float, "1e3"), (TokenKind.Float, "2.5E-2"));
    }

    [Fact]
    public void Alloy_has_no_hex_literals_so_0x10_is_a_number_then_a_name()
    {
        Kinds("0x10").Should().Equal("NUMBER", "IDENT", ";", "EOF");
    }

    [Fact]
    public void A_raw_string_spans_lines_and_keeps_backslashes()
    {
        var token = Lexer.Tokenize("a = `x\\n\ny`").Single(t => t.Kind == TokenKind.String);
        token.Text.Should().Be("`x\\n\ny`");
    }

    [Fact]
    public void Keywords_true_false_null()
    {
        Kinds("true false null nullable").Should().Equal("BOOL", "BOOL", "NULL", "IDENT", ";", "EOF");
    }

    [Fact]
    public void Two_character_operators()
    {
        Kinds("a == b != c <= d >= e && f || !g").Should().Equal(
            "IDENT", "==", "IDENT", "!=", "IDENT", "<=", "IDENT", ">=", "IDENT", "&&", "IDENT", "||", "!", "IDENT", ";", "EOF");
    }

    [Fact]
    public void An_illegal_character_is_reported_where_it_is()
    {
        Errors("a = 1\nb = #").Should().Equal((new Position(10, 2, 5), "illegal character U+0023 '#'"));
    }

    [Fact]
    public void A_single_quoted_string_is_rejected()
    {
        Errors("a = 'x'").Should().Equal((new Position(4, 1, 5), "illegal single-quoted string; use double quotes"));
    }

    [Fact]
    public void An_unterminated_string_is_reported_at_its_opening_quote()
    {
        Errors("a = \"abc\nb = 1").Should().Equal((new Position(4, 1, 5), "string literal not terminated"));
    }

    [Fact]
    public void An_unknown_escape_is_reported_at_the_escaped_character()
    {
        Errors("a = \"x\\qy\"").Should().Equal((new Position(7, 1, 8), "unknown escape sequence"));
    }

    [Fact]
    public void An_unterminated_block_comment_is_reported_at_its_start()
    {
        Errors("a = 1\n/* open").Should().Equal((new Position(6, 2, 1), "block comment not terminated"));
    }

    [Fact]
    public void A_missing_second_pipe_is_reported()
    {
        Errors("a = b | c").Single().Message.Should().Be("missing second | in ||");
    }

    [Fact]
    public void Valid_identifiers_are_what_block_labels_may_be()
    {
        Lexer.IsValidIdentifier("default").Should().BeTrue();
        Lexer.IsValidIdentifier("with_digits_2").Should().BeTrue();
        Lexer.IsValidIdentifier("with space").Should().BeFalse();
        Lexer.IsValidIdentifier("with-dash").Should().BeFalse();
        Lexer.IsValidIdentifier("2start").Should().BeFalse();
    }
}
