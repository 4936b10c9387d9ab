using System.Text;
using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>
/// A Cucumber expression: literal text with parameters ({int}, {string}, custom {name}),
/// optional text "cucumber(s)", alternatives "belly/stomach" (bounded by spaces), and
/// backslash escapes for ( ) { } / \. Compiled to one anchored regex.
/// </summary>
public sealed class CucumberExpression : StepExpression
{
    public CucumberExpression(string source, IReadOnlyDictionary<string, ParameterType> parameterTypes)
        : this(source, new Compiler(source, parameterTypes).Compile()) { }

    private CucumberExpression(string source, (Regex Regex, List<ParameterType?> Parameters) compiled)
        : base(source, compiled.Regex, compiled.Parameters) { }

    public override bool IsRegularExpression => false;

    public override IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = Regex.Match(text);
        if (!match.Success) return null;
        var arguments = new StepArgument[Parameters.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var group = match.Groups[GroupName(i)];
            var type = Parameters[i]!;
            arguments[i] = type.IsQuoted
                ? new StepArgument(Unquote(group.Value), group.Index + 1, type)
                : new StepArgument(group.Value, group.Index, type);
        }
        return arguments;
    }

    private static string GroupName(int index) => "p" + index;

    private static string Unquote(string quoted)
    {
        var quote = quoted[0];
        return quoted[1..^1].Replace("\\" + quote, quote.ToString());
    }

    /// <summary>Reads the expression once, left to right, into words of text, optionals, parameters and alternations.</summary>
    private sealed class Compiler(string source, IReadOnlyDictionary<string, ParameterType> parameterTypes)
    {
        private abstract record Part;
        private sealed record Text(string Value) : Part;
        private sealed record Space(string Value) : Part;
        private sealed record Optional(string Value) : Part;
        private sealed record Parameter(ParameterType Type) : Part;
        private sealed record Slash : Part;

        private readonly List<ParameterType?> _parameters = [];

        public (Regex, List<ParameterType?>) Compile()
        {
            var pattern = new StringBuilder("^");
            foreach (var word in SplitWords(Scan()))
                AppendWord(pattern, word);
            pattern.Append('$');
            return (new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture), _parameters);
        }

        private List<Part> Scan()
        {
            var parts = new List<Part>();
            var text = new StringBuilder();
            void FlushText()
            {
                if (text.Length > 0) parts.Add(new Text(text.ToString()));
                text.Clear();
            }
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                switch (c)
                {
                    case '\\':
                        if (i + 1 == source.Length) throw Error(i, "the expression ends with an escape character '\\'");
                        text.Append(source[++i]);
                        break;
                    case '(':
                        FlushText();
                        parts.Add(new Optional(ReadUntil(ref i, ')', "optional text")));
                        break;
                    case '{':
                        FlushText();
                        var name = ReadUntil(ref i, '}', "parameter");
                        parts.Add(new Parameter(parameterTypes.TryGetValue(name, out var type)
                            ? type
                            : throw Error(i, $"undefined parameter type {{{name}}}; known: {string.Join(" ", parameterTypes.Keys.Order().Select(k => $"{{{k}}}"))}")));
                        break;
                    case '/':
                        FlushText();
                        parts.Add(new Slash());
                        break;
                    case ')' or '}':
                        throw Error(i, $"'{c}' has no opening '{(c == ')' ? '(' : '{')}' (escape it as '\\{c}')");
                    default:
                        if (char.IsWhiteSpace(c))
                        {
                            FlushText();
                            parts.Add(new Space(c.ToString()));
                        }
                        else text.Append(c);
                        break;
                }
            }
            FlushText();
            return parts;
        }

        // Reads from the opening character at i to its closer; optionals and parameter names hold plain text only.
        private string ReadUntil(ref int i, char close, string what)
        {
            var start = i;
            var content = new StringBuilder();
            for (i++; i < source.Length; i++)
            {
                var c = source[i];
                if (c == '\\' && i + 1 < source.Length) content.Append(source[++i]);
                else if (c == close)
                {
                    if (close == ')' && content.Length == 0) throw Error(start, "optional text '()' is empty");
                    return content.ToString();
                }
                else if (c is '(' or '{' or '/' && close == ')')
                    throw Error(i, $"{what} cannot contain '{c}' (parameters, optionals and alternatives do not nest)");
                else if (c is '{' or '(' && close == '}') throw Error(i, $"a parameter name cannot contain '{c}'");
                else content.Append(c);
            }
            throw Error(start, $"{what} opened here is not closed with '{close}'");
        }

        // Words are separated by spaces; a '/' inside a word makes the whole word an alternation.
        private static IEnumerable<List<Part>> SplitWords(List<Part> parts)
        {
            var word = new List<Part>();
            foreach (var part in parts)
            {
                if (part is Space)
                {
                    if (word.Count > 0) yield return word;
                    yield return [part];
                    word = [];
                }
                else word.Add(part);
            }
            if (word.Count > 0) yield return word;
        }

        private void AppendWord(StringBuilder pattern, List<Part> word)
        {
            if (!word.Any(p => p is Slash))
            {
                foreach (var part in word) AppendPart(pattern, part);
                return;
            }
            var alternatives = new List<List<Part>> { new() };
            foreach (var part in word)
            {
                if (part is Slash) alternatives.Add([]);
                else alternatives[^1].Add(part);
            }
            if (alternatives.Any(a => a.Count == 0))
                throw Error(0, "an alternative is empty: write 'a/b' with text on both sides of '/'");
            if (alternatives.Any(a => a.Any(p => p is Parameter)))
                throw Error(0, "an alternative cannot contain a parameter");
            pattern.Append("(?:");
            for (var i = 0; i < alternatives.Count; i++)
            {
                if (i > 0) pattern.Append('|');
                foreach (var part in alternatives[i]) AppendPart(pattern, part);
            }
            pattern.Append(')');
        }

        private void AppendPart(StringBuilder pattern, Part part)
        {
            switch (part)
            {
                case Text t: pattern.Append(Regex.Escape(t.Value)); break;
                case Space s: pattern.Append(Regex.Escape(s.Value)); break;
                case Optional o: pattern.Append("(?:").Append(Regex.Escape(o.Value)).Append(")?"); break;
                case Parameter p:
                    pattern.Append($"(?<{GroupName(_parameters.Count)}>").Append(p.Type.Pattern).Append(')');
                    _parameters.Add(p.Type);
                    break;
            }
        }

        private BindingException Error(int position, string problem) =>
            new($"Cucumber expression \"{source}\" (at character {position + 1}): {problem}");
    }
}
