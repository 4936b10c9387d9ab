using System.Globalization;

namespace StackTests.Alloy.Syntax;

/// <summary>
/// Splits Alloy source text into tokens the way grafana/alloy's syntax/scanner does, including
/// its automatic statement terminators: a newline (or end of file, or a comment running to the end
/// of the line) becomes a <see cref="TokenKind.Terminator"/> when the token before it was an
/// identifier, literal, <c>)</c>, <c>]</c> or <c>}</c>. Lexical errors go to the error callback;
/// scanning always continues.
/// </summary>
public sealed class Lexer
{
    private const int EndOfFile = -1;
    private const char ByteOrderMark = '\uFEFF';

    private readonly string _text;
    private readonly LineMap _lines;
    private readonly Action<Position, string>? _onError;
    private readonly bool _includeComments;

    private int _ch;          // current character, or EndOfFile
    private int _offset;      // offset of _ch
    private int _readOffset;  // offset of the character after _ch
    private bool _insertTerminator;
    private bool _lookingAhead; // errors found while looking ahead are reported when scanned for real

    public Lexer(string text, Action<Position, string>? onError = null, bool includeComments = false)
    {
        _text = text;
        _lines = new LineMap(text);
        _onError = onError;
        _includeComments = includeComments;
        Next();
        if (_ch == ByteOrderMark) Next(); // permitted as the very first character
    }

    public Position PositionAt(int offset) => _lines.PositionAt(offset);

    /// <summary>All tokens up to and including <see cref="TokenKind.Eof"/>.</summary>
    public static IReadOnlyList<Token> Tokenize(string text, bool includeComments = false)
    {
        var lexer = new Lexer(text, includeComments: includeComments);
        var tokens = new List<Token>();
        Token token;
        do tokens.Add(token = lexer.Scan());
        while (token.Kind != TokenKind.Eof);
        return tokens;
    }

    /// <summary>True when <paramref name="text"/> is exactly one identifier (what block labels must be).</summary>
    public static bool IsValidIdentifier(string text)
    {
        var lexer = new Lexer(text);
        var token = lexer.Scan();
        return token.Kind == TokenKind.Ident && token.Text == text;
    }

    public Token Scan()
    {
        while (true)
        {
            SkipWhitespace();
            var start = _offset;
            var insertTerminator = false;
            TokenKind kind;
            var text = "";

            if (IsLetter(_ch))
            {
                text = ScanIdentifier();
                kind = text switch { "true" or "false" => TokenKind.Bool, "null" => TokenKind.Null, _ => TokenKind.Ident };
                insertTerminator = true;
            }
            else if (IsDecimal(_ch) || (_ch == '.' && IsDecimal(Peek())))
            {
                insertTerminator = true;
                (kind, text) = ScanNumber();
            }
            else
            {
                var ch = _ch;
                Next(); // make progress; _ch is now the character after ch
                switch (ch)
                {
                    case EndOfFile:
                        if (_insertTerminator)
                        {
                            _insertTerminator = false;
                            return new Token(TokenKind.Terminator, PositionAt(start), "\n");
                        }
                        kind = TokenKind.Eof;
                        break;
                    case '\n':
                        // Only reached when a terminator is due: otherwise SkipWhitespace eats newlines.
                        _insertTerminator = false;
                        return new Token(TokenKind.Terminator, PositionAt(start), "\n");
                    case '\'':
                        Error(start, "illegal single-quoted string; use double quotes");
                        insertTerminator = true;
                        kind = TokenKind.Illegal;
                        text = ScanString('\'', escapes: true, multiline: false);
                        break;
                    case '"':
                        insertTerminator = true;
                        kind = TokenKind.String;
                        text = ScanString('"', escapes: true, multiline: false);
                        break;
                    case '`':
                        insertTerminator = true;
                        kind = TokenKind.String;
                        text = ScanString('`', escapes: false, multiline: true);
                        break;
                    case '|':
                        if (_ch != '|') Error(_offset, "missing second | in ||");
                        else Next();
                        kind = TokenKind.Or;
                        break;
                    case '&':
                        if (_ch != '&') Error(_offset, "missing second & in &&");
                        else Next();
                        kind = TokenKind.And;
                        break;
                    case '!': kind = Switch2(TokenKind.Not, TokenKind.Neq); break;
                    case '=': kind = Switch2(TokenKind.Assign, TokenKind.Eq); break;
                    case '<': kind = Switch2(TokenKind.Lt, TokenKind.Lte); break;
                    case '>': kind = Switch2(TokenKind.Gt, TokenKind.Gte); break;
                    case '+': kind = TokenKind.Add; break;
                    case '-': kind = TokenKind.Sub; break;
                    case '*': kind = TokenKind.Mul; break;
                    case '/':
                        if (_ch == '/' || _ch == '*')
                        {
                            // A due terminator goes before a comment that runs to the end of the line.
                            if (_insertTerminator && CommentRunsToLineEnd())
                            {
                                Reset(start);
                                _insertTerminator = false;
                                return new Token(TokenKind.Terminator, PositionAt(start), "\n");
                            }
                            var comment = ScanComment();
                            _insertTerminator = false;
                            if (!_includeComments) continue;
                            return new Token(TokenKind.Comment, PositionAt(start), comment);
                        }
                        kind = TokenKind.Div;
                        break;
                    case '%': kind = TokenKind.Mod; break;
                    case '^': kind = TokenKind.Pow; break;
                    case '{': kind = TokenKind.LCurly; break;
                    case '}': kind = TokenKind.RCurly; insertTerminator = true; break;
                    case '(': kind = TokenKind.LParen; break;
                    case ')': kind = TokenKind.RParen; insertTerminator = true; break;
                    case '[': kind = TokenKind.LBrack; break;
                    case ']': kind = TokenKind.RBrack; insertTerminator = true; break;
                    case ',': kind = TokenKind.Comma; break;
                    case '.': kind = TokenKind.Dot; break;
                    default:
                        if (ch != ByteOrderMark) Error(start, $"illegal character {Describe(ch)}");
                        insertTerminator = _insertTerminator; // keep the previous state
                        kind = TokenKind.Illegal;
                        text = ((char)ch).ToString();
                        break;
                }
            }

            _insertTerminator = insertTerminator;
            return new Token(kind, PositionAt(start), text);
        }
    }

    private void Next()
    {
        if (_readOffset >= _text.Length)
        {
            _offset = _text.Length;
            _ch = EndOfFile;
            return;
        }
        _offset = _readOffset;
        var ch = _text[_readOffset];
        if (ch == '\0') Error(_offset, "illegal character NUL");
        else if (ch == ByteOrderMark && _offset > 0) Error(_offset, "illegal byte order mark");
        _readOffset++;
        _ch = ch;
    }

    private int Peek() => _readOffset < _text.Length ? _text[_readOffset] : 0;

    private void Reset(int offset)
    {
        _offset = offset;
        _readOffset = offset + 1;
        _ch = _text[offset];
    }

    private void Error(int offset, string message)
    {
        if (_lookingAhead) return;
        _onError?.Invoke(PositionAt(offset), message);
    }

    private void SkipWhitespace()
    {
        while (_ch == ' ' || _ch == '\t' || _ch == '\r' || (_ch == '\n' && !_insertTerminator))
            Next();
    }

    private TokenKind Switch2(TokenKind single, TokenKind withEquals)
    {
        if (_ch != '=') return single;
        Next();
        return withEquals;
    }

    private string ScanIdentifier()
    {
        var start = _offset;
        while (IsLetter(_ch) || IsDigit(_ch)) Next();
        return _text[start.._offset];
    }

    private (TokenKind, string) ScanNumber()
    {
        var start = _offset;
        var kind = TokenKind.Number;
        if (_ch != '.') Digits();
        if (_ch == '.')
        {
            kind = TokenKind.Float;
            Next();
            Digits();
        }
        if (_ch is 'e' or 'E')
        {
            kind = TokenKind.Float;
            Next();
            if (_ch is '+' or '-') Next();
            if (Digits() == 0) Error(start, "exponent has no digits");
        }
        return (kind, _text[start.._offset]);
    }

    private int Digits()
    {
        var count = 0;
        for (; IsDecimal(_ch); count++) Next();
        return count;
    }

    private string ScanString(char until, bool escapes, bool multiline)
    {
        var start = _offset - 1; // the opening quote was consumed already
        while (true)
        {
            var ch = _ch;
            if ((!multiline && ch == '\n') || ch == EndOfFile)
            {
                Error(start, "string literal not terminated");
                break;
            }
            Next();
            if (ch == until) break;
            if (escapes && ch == '\\') ScanEscape();
        }
        return _text[start.._offset];
    }

    // Go's escapes (\a \b \f \n \r \t \v \\ \" \ooo \xhh \uhhhh \Uhhhhhhhh); stops at a bad character without consuming it.
    private void ScanEscape()
    {
        var start = _offset;
        int digits, radix;
        uint max;
        switch (_ch)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' or '"':
                Next();
                return;
            case >= '0' and <= '7':
                (digits, radix, max) = (3, 8, 255);
                break;
            case 'x':
                Next();
                (digits, radix, max) = (2, 16, 255);
                break;
            case 'u':
                Next();
                (digits, radix, max) = (4, 16, 0x10FFFF);
                break;
            case 'U':
                Next();
                (digits, radix, max) = (8, 16, 0x10FFFF);
                break;
            default:
                Error(start, _ch == EndOfFile ? "escape sequence not terminated" : "unknown escape sequence");
                return;
        }

        uint value = 0;
        for (; digits > 0; digits--)
        {
            var digit = DigitValue(_ch);
            if (digit >= radix)
            {
                Error(start, _ch == EndOfFile ? "escape sequence not terminated" : $"illegal character {Describe(_ch)} in escape sequence");
                return;
            }
            value = value * (uint)radix + (uint)digit;
            Next();
        }
        if (value > max || (value >= 0xD800 && value < 0xE000))
            Error(start, "escape sequence is invalid Unicode code point");
    }

    private string ScanComment()
    {
        var start = _offset - 1; // the first '/' was consumed already
        if (_ch == '/')
        {
            while (_ch != '\n' && _ch != EndOfFile) Next();
            return _text[start.._offset].TrimEnd('\r');
        }

        Next(); // the '*'
        while (_ch != EndOfFile)
        {
            var ch = _ch;
            Next();
            if (ch == '*' && _ch == '/')
            {
                Next();
                return _text[start.._offset];
            }
        }
        Error(start, "block comment not terminated");
        return _text[start.._offset];
    }

    // Called with the first '/' consumed: does this comment (and any comments after it on the
    // same line) run to a newline or the end of the file? Leaves the lexer where it was.
    private bool CommentRunsToLineEnd()
    {
        var start = _offset - 1;
        _lookingAhead = true;
        try
        {
            while (_ch == '/' || _ch == '*')
            {
                if (_ch == '/') return true; // a // comment always ends at a newline

                Next();
                while (_ch != EndOfFile)
                {
                    var ch = _ch;
                    if (ch == '\n') return true;
                    Next();
                    if (ch == '*' && _ch == '/')
                    {
                        Next();
                        break;
                    }
                }

                SkipWhitespace(); // a terminator is due, so this stops at a newline
                if (_ch == EndOfFile || _ch == '\n') return true;
                if (_ch != '/') return false; // some other token follows on this line
                Next();
            }
            return false;
        }
        finally
        {
            _lookingAhead = false;
            Reset(start);
            Next();
        }
    }

    private static bool IsLetter(int ch) =>
        ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' || (ch >= 0x80 && char.IsLetter((char)ch));

    private static bool IsDecimal(int ch) => ch is >= '0' and <= '9';

    private static bool IsDigit(int ch) => IsDecimal(ch) || (ch >= 0x80 && char.IsDigit((char)ch));

    private static int DigitValue(int ch) => ch switch
    {
        >= '0' and <= '9' => ch - '0',
        >= 'a' and <= 'f' => ch - 'a' + 10,
        >= 'A' and <= 'F' => ch - 'A' + 10,
        _ => 16,
    };

    // Go's %#U: U+0023 '#'
    private static string Describe(int ch)
    {
        if (ch == EndOfFile) return "EOF";
        var c = (char)ch;
        var printable = !char.IsControl(c) && !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
        return printable ? $"U+{ch:X4} '{c}'" : $"U+{ch:X4}";
    }
}
