namespace StackTests.Alloy.Syntax;

/// <summary>The lexical tokens of the Alloy syntax (grafana/alloy syntax/token).</summary>
public enum TokenKind
{
    Illegal,
    Eof,
    Comment,

    Ident,
    Number,
    Float,
    String,
    Bool,
    Null,

    Or,
    And,
    Not,
    Assign,
    Eq,
    Neq,
    Lt,
    Lte,
    Gt,
    Gte,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,

    LCurly,
    RCurly,
    LParen,
    RParen,
    LBrack,
    RBrack,
    Comma,
    Dot,

    /// <summary>A newline (or end of file) that ends a statement; inserted by the lexer as Alloy's scanner does.</summary>
    Terminator,
}

public static class TokenKinds
{
    /// <summary>The name Alloy's parser uses for a token in its messages ("expected {, got STRING").</summary>
    public static string Describe(this TokenKind kind) => kind switch
    {
        TokenKind.Illegal => "ILLEGAL",
        TokenKind.Eof => "EOF",
        TokenKind.Comment => "COMMENT",
        TokenKind.Ident => "IDENT",
        TokenKind.Number => "NUMBER",
        TokenKind.Float => "FLOAT",
        TokenKind.String => "STRING",
        TokenKind.Bool => "BOOL",
        TokenKind.Null => "NULL",
        TokenKind.Or => "||",
        TokenKind.And => "&&",
        TokenKind.Not => "!",
        TokenKind.Assign => "=",
        TokenKind.Eq => "==",
        TokenKind.Neq => "!=",
        TokenKind.Lt => "<",
        TokenKind.Lte => "<=",
        TokenKind.Gt => ">",
        TokenKind.Gte => ">=",
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Mul => "*",
        TokenKind.Div => "/",
        TokenKind.Mod => "%",
        TokenKind.Pow => "^",
        TokenKind.LCurly => "{",
        TokenKind.RCurly => "}",
        TokenKind.LParen => "(",
        TokenKind.RParen => ")",
        TokenKind.LBrack => "[",
        TokenKind.RBrack => "]",
        TokenKind.Comma => ",",
        TokenKind.Dot => ".",
        TokenKind.Terminator => "TERMINATOR",
        _ => kind.ToString(),
    };

    /// <summary>Binary operator precedence as Alloy defines it; 0 for tokens that are not binary operators.</summary>
    public static int BinaryPrecedence(this TokenKind kind) => kind switch
    {
        TokenKind.Or => 1,
        TokenKind.And => 2,
        TokenKind.Eq or TokenKind.Neq or TokenKind.Lt or TokenKind.Lte or TokenKind.Gt or TokenKind.Gte => 3,
        TokenKind.Add or TokenKind.Sub => 4,
        TokenKind.Mul or TokenKind.Div or TokenKind.Mod => 5,
        TokenKind.Pow => 6,
        _ => 0,
    };
}
