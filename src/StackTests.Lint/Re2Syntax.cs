namespace StackTests.Lint;

/// <summary>
/// Whether RE2 accepts a regular expression, as Go's regexp/syntax does (Prometheus relabelling
/// and label matchers, Loki's line filters and stage.regex, Alloy's relabel rules all compile with
/// it). .NET's Regex is a different dialect, so this is a scanner of RE2's own rules, from
/// https://github.com/google/re2/wiki/Syntax ("NOT SUPPORTED" entries) and Go's
/// src/regexp/syntax/parse.go: no lookarounds <c>(?=</c> <c>(?!</c> <c>(?&lt;=</c> <c>(?&lt;!</c>,
/// no atomic groups <c>(?&gt;</c>, no conditionals or comments, no backreferences <c>\1</c>
/// <c>\k&lt;n&gt;</c>, no possessive or doubled repetition <c>a*+</c> <c>a**</c>, no <c>\Z</c>
/// <c>\G</c> <c>\e</c> or other unknown letter escapes, flags only <c>imsU</c>, repeat counts up
/// to 1000, every group and class closed.
/// </summary>
public static class Re2Syntax
{
    private const int MaxRepeat = 1000; // regexp/syntax: maxRepeat

    // Escapes Go's parser knows outside a class: perl classes, anchors, \p{..}, quoting, control chars, hex/octal.
    private const string LetterEscapes = "dDsSwWbBAzpPQEaftnrvx";

    /// <summary>The first thing RE2 rejects: its 0-based offset in the pattern and why; null when RE2 accepts it.</summary>
    public static (int Offset, string Message)? Problem(string pattern)
    {
        var groups = new Stack<int>();
        var canRepeat = false; // whether the previous item can take a repetition operator
        var lastWasRepeat = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                {
                    if (EscapeProblem(pattern, i, inClass: false, out var length) is { } problem) return (i, problem);
                    if (i + 1 < pattern.Length && pattern[i + 1] == 'Q')
                    {
                        var end = pattern.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
                        i = end < 0 ? pattern.Length : end + 1;
                    }
                    else i += length - 1;
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                }
                case '[':
                {
                    if (ClassEnd(pattern, i, out var classProblem) is not { } end) return classProblem;
                    i = end;
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                }
                case '(':
                {
                    if (GroupProblem(pattern, i) is { } problem) return (i, problem);
                    groups.Push(i);
                    canRepeat = false;
                    lastWasRepeat = false;
                    // Skip the group's prefix: (?P<name>, (?<name>, (?flags:
                    if (i + 1 < pattern.Length && pattern[i + 1] == '?')
                    {
                        var close = pattern.IndexOfAny([':', ')', '>'], i + 2);
                        if (close > 0 && pattern[close] == ')') { groups.Pop(); i = close; canRepeat = false; continue; } // (?i): a flag change, no group
                        if (close > 0) i = close;
                    }
                    continue;
                }
                case ')':
                    if (groups.Count == 0) return (i, "unexpected ): no group is open");
                    groups.Pop();
                    canRepeat = true;
                    lastWasRepeat = false;
                    continue;
                case '*' or '+' or '?':
                    if (lastWasRepeat && c == '?') { lastWasRepeat = false; canRepeat = false; continue; } // lazy: x*? x+? x?? x{n}?
                    if (lastWasRepeat)
                        return (i, $"invalid nested repetition operator: `{pattern[i - 1]}{c}` (RE2 has no possessive or doubled repetition)");
                    if (!canRepeat) return (i, $"missing argument to repetition operator: `{c}`");
                    lastWasRepeat = true;
                    continue;
                case '{':
                    if (RepeatEnd(pattern, i, out var min, out var max) is { } repeatEnd)
                    {
                        if (lastWasRepeat) return (i, $"invalid nested repetition operator: `{pattern[i..(repeatEnd + 1)]}`");
                        if (!canRepeat) return (i, $"missing argument to repetition operator: `{pattern[i..(repeatEnd + 1)]}`");
                        if (min > MaxRepeat || max > MaxRepeat || (max >= 0 && max < min))
                            return (i, $"invalid repeat count: `{pattern[i..(repeatEnd + 1)]}` (RE2 allows at most {MaxRepeat})");
                        i = repeatEnd;
                        lastWasRepeat = true;
                        continue;
                    }
                    break; // a { that starts no repeat is a literal
            }
            lastWasRepeat = false;
            canRepeat = c != '|'; // Go repeats anchors too (^*), but nothing after an alternation bar
        }
        return groups.Count > 0 ? (groups.Peek(), "missing ): a group is never closed") : null;
    }

    /// <summary>What RE2 says of a group opening at <paramref name="at"/>, or null when it accepts it.</summary>
    private static string? GroupProblem(string pattern, int at)
    {
        if (at + 1 >= pattern.Length || pattern[at + 1] != '?') return null;
        var rest = pattern[(at + 2)..];
        if (rest.StartsWith('=') || rest.StartsWith('!')) return "lookahead `(?=` / `(?!` is not supported by RE2";
        if (rest.StartsWith("<=") || rest.StartsWith("<!")) return "lookbehind `(?<=` / `(?<!` is not supported by RE2";
        if (rest.StartsWith('>')) return "atomic group `(?>` is not supported by RE2";
        if (rest.StartsWith('#')) return "comment group `(?#` is not supported by RE2";
        if (rest.StartsWith('(')) return "conditional `(?(` is not supported by RE2";
        if (rest.StartsWith("P<") || rest.StartsWith('<'))
        {
            var start = rest.StartsWith('P') ? 2 : 1;
            var end = rest.IndexOf('>');
            if (end < 0) return "invalid named capture: missing >";
            var name = rest[start..end];
            return name.Length > 0 && name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') ? null : $"invalid named capture name '{name}'";
        }
        if (rest.StartsWith("P=") || rest.StartsWith("P>") || rest.StartsWith("'")) return "named backreferences and other named-group forms are not supported by RE2";
        // (?flags) or (?flags:...): flags i, m, s, U, optionally negated.
        var stop = rest.IndexOfAny([':', ')']);
        if (stop < 0) return "missing ): a group is never closed";
        var flags = rest[..stop];
        if (flags.Length == 0 && rest[stop] == ')') return "empty flag group `(?)`";
        foreach (var f in flags)
            if (f is not ('i' or 'm' or 's' or 'U' or '-')) return $"invalid or unsupported flag '{f}' in `(?{flags}`: RE2 knows i, m, s and U";
        return null;
    }

    /// <summary>Why RE2 rejects the escape at <paramref name="at"/>, or null; <paramref name="length"/> is its length.</summary>
    private static string? EscapeProblem(string pattern, int at, bool inClass, out int length)
    {
        length = 2;
        if (at + 1 >= pattern.Length) return "trailing backslash at end of expression";
        var e = pattern[at + 1];
        if (e is >= '1' and <= '9' && !(at + 2 < pattern.Length && char.IsAsciiDigit(pattern[at + 2])))
            return $"backreference `\\{e}` is not supported by RE2";
        if (e == 'k') return "named backreference `\\k` is not supported by RE2";
        if (e is '0' or (>= '1' and <= '7')) // octal, up to three digits
        {
            while (length < 4 && at + length < pattern.Length && pattern[at + length] is >= '0' and <= '7') length++;
            return null;
        }
        if (e == 'x')
        {
            if (at + 2 < pattern.Length && pattern[at + 2] == '{')
            {
                var close = pattern.IndexOf('}', at + 3);
                if (close < 0 || !pattern[(at + 3)..close].All(char.IsAsciiHexDigit)) return "invalid escape sequence `\\x{`";
                length = close - at + 1;
                return null;
            }
            if (at + 3 < pattern.Length && char.IsAsciiHexDigit(pattern[at + 2]) && char.IsAsciiHexDigit(pattern[at + 3])) { length = 4; return null; }
            return "invalid escape sequence `\\x`: two hex digits or \\x{...} expected";
        }
        if (e is 'p' or 'P')
        {
            if (at + 2 < pattern.Length && pattern[at + 2] == '{')
            {
                var close = pattern.IndexOf('}', at + 3);
                if (close < 0) return "invalid character class range: `\\p{` is never closed";
                length = close - at + 1;
            }
            else length = 3;
            return null;
        }
        if (!char.IsAsciiLetterOrDigit(e)) return null; // an escaped punctuation or other character is itself
        if (inClass && e is 'b' or 'A' or 'z' or 'B' or 'Q' or 'E') return $"invalid escape sequence `\\{e}` inside a character class";
        if (LetterEscapes.Contains(e)) return null;
        return e switch
        {
            'Z' => "`\\Z` is not supported by RE2 (use `\\z` or `$`)",
            'G' => "`\\G` is not supported by RE2",
            _ => $"invalid escape sequence `\\{e}`",
        };
    }

    /// <summary>The index of the ] closing the class that opens at <paramref name="at"/>, or null with the problem.</summary>
    private static int? ClassEnd(string pattern, int at, out (int, string)? problem)
    {
        problem = null;
        var i = at + 1;
        if (i < pattern.Length && pattern[i] == '^') i++;
        if (i < pattern.Length && pattern[i] == ']') i++; // a leading ] is a literal
        for (; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case ']':
                    return i;
                case '[' when i + 1 < pattern.Length && pattern[i + 1] == ':':
                {
                    var close = pattern.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (close > 0) i = close + 1;
                    break;
                }
                case '\\':
                    if (EscapeProblem(pattern, i, inClass: true, out var length) is { } escape) { problem = (i, escape); return null; }
                    i += length - 1;
                    break;
                // A range of two plain characters must not run backwards: [a-Z].
                case var low when i + 2 < pattern.Length && pattern[i + 1] == '-' && pattern[i + 2] is not (']' or '\\' or '[') && pattern[i + 2] < low:
                    problem = (i, $"invalid character class range: `{pattern[i..(i + 3)]}`");
                    return null;
            }
        }
        problem = (at, "missing closing ]: a character class is never closed");
        return null;
    }

    /// <summary>When a repeat {n}, {n,} or {n,m} opens at <paramref name="at"/>: the index of its }, and its bounds (max -1: none).</summary>
    private static int? RepeatEnd(string pattern, int at, out int min, out int max)
    {
        min = max = -1;
        var close = pattern.IndexOf('}', at + 1);
        if (close < 0) return null;
        var body = pattern[(at + 1)..close];
        var parts = body.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts[0].All(char.IsAsciiDigit)) return null;
        if (parts.Length == 2 && parts[1].Length > 0 && !parts[1].All(char.IsAsciiDigit)) return null;
        min = int.TryParse(parts[0], out var n) ? n : int.MaxValue;
        max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : int.TryParse(parts[1], out var m) ? m : int.MaxValue;
        return close;
    }
}
