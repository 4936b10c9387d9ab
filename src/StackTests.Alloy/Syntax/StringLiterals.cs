using System.Text;

namespace StackTests.Alloy.Syntax;

/// <summary>The value of a string literal as Alloy reads it (Go's strconv.Unquote rules).</summary>
public static class StringLiterals
{
    /// <summary>
    /// Resolves escapes of a <c>"..."</c> literal, or returns the content of a <c>`...`</c> raw
    /// literal (carriage returns dropped, as Go does). Escapes are resolved to bytes and decoded
    /// as UTF-8, so <c>\xc3\xa9</c> is "é". Malformed escapes (already reported by the lexer) are kept as written.
    /// </summary>
    public static string Unquote(string literal)
    {
        if (literal.Length < 2) return literal;
        var quote = literal[0];
        var content = literal[1..^(literal[^1] == quote ? 1 : 0)];
        if (quote == '`') return content.Replace("\r", "");
        if (!content.Contains('\\')) return content;

        var bytes = new List<byte>(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c != '\\' || i + 1 >= content.Length)
            {
                AppendUtf8(bytes, content, ref i);
                continue;
            }
            var e = content[++i];
            switch (e)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case >= '0' and <= '7' when TryNumber(content, i, 3, 8, out var octal) && octal <= 255:
                    bytes.Add((byte)octal);
                    i += 2;
                    break;
                case 'x' when TryNumber(content, i + 1, 2, 16, out var hex):
                    bytes.Add((byte)hex);
                    i += 2;
                    break;
                case 'u' when TryNumber(content, i + 1, 4, 16, out var u16):
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)u16)));
                    i += 4;
                    break;
                case 'U' when TryNumber(content, i + 1, 8, 16, out var u32) && u32 <= 0x10FFFF:
                    bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)u32)));
                    i += 8;
                    break;
                default: // malformed: keep the text as written
                    bytes.Add((byte)'\\');
                    i--;
                    break;
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static void AppendUtf8(List<byte> bytes, string text, ref int i)
    {
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            bytes.AddRange(Encoding.UTF8.GetBytes(text.Substring(i, 2)));
            i++;
        }
        else bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
    }

    private static bool TryNumber(string text, int start, int digits, int radix, out uint value)
    {
        value = 0;
        if (start + digits > text.Length) return false;
        for (var i = start; i < start + digits; i++)
        {
            var d = text[i] switch
            {
                >= '0' and <= '9' => text[i] - '0',
                >= 'a' and <= 'f' => text[i] - 'a' + 10,
                >= 'A' and <= 'F' => text[i] - 'A' + 10,
                _ => 99,
            };
            if (d >= radix) return false;
            value = value * (uint)radix + (uint)d;
        }
        return !(value >= 0xD800 && value < 0xE000);
    }
}
