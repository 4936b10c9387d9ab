using System.Text;

namespace StackTests.Bdd;

/// <summary>
/// A Cucumber tag expression: tags combined with not, and, or and parentheses, e.g.
/// "@metrics and not (@slow or @wip)". The @ is optional; tags compare without it.
/// Precedence as in Cucumber: not binds tightest, then and, then or.
/// </summary>
public sealed class TagExpression
{
    private readonly Func<IReadOnlySet<string>, bool> _evaluate;

    public string Source { get; }

    private TagExpression(string source, Func<IReadOnlySet<string>, bool> evaluate)
    {
        Source = source;
        _evaluate = evaluate;
    }

    /// <summary>The expression that every tag set matches (an empty source).</summary>
    public static TagExpression Any { get; } = new("", _ => true);

    public static TagExpression Parse(string source)
    {
        if (string.IsNullOrWhiteSpace(source)) return Any;
        var parser = new Parser(source, Tokenize(source));
        var evaluate = parser.ParseOr();
        if (!parser.AtEnd) throw parser.Error($"unexpected '{parser.Peek}'");
        return new TagExpression(source.Trim(), evaluate);
    }

    /// <summary>Whether a scenario with these tags (with or without @) is selected.</summary>
    public bool Matches(IEnumerable<string> tags) =>
        _evaluate(tags.Select(Normalize).ToHashSet(StringComparer.Ordinal));

    public override string ToString() => Source;

    private static string Normalize(string tag) => tag.TrimStart('@');

    private static List<string> Tokenize(string source)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        void Flush()
        {
            if (current.Length > 0) tokens.Add(current.ToString());
            current.Clear();
        }
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\\' && i + 1 < source.Length) current.Append(source[++i]);
            else if (char.IsWhiteSpace(c)) Flush();
            else if (c is '(' or ')')
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else current.Append(c);
        }
        Flush();
        return tokens;
    }

    private sealed class Parser(string source, List<string> tokens)
    {
        private int _position;

        public bool AtEnd => _position >= tokens.Count;
        public string Peek => AtEnd ? "end of expression" : tokens[_position];

        public Func<IReadOnlySet<string>, bool> ParseOr()
        {
            var left = ParseAnd();
            while (Accept("or"))
            {
                var (l, r) = (left, ParseAnd());
                left = tags => l(tags) || r(tags);
            }
            return left;
        }

        private Func<IReadOnlySet<string>, bool> ParseAnd()
        {
            var left = ParseNot();
            while (Accept("and"))
            {
                var (l, r) = (left, ParseNot());
                left = tags => l(tags) && r(tags);
            }
            return left;
        }

        private Func<IReadOnlySet<string>, bool> ParseNot()
        {
            if (Accept("not"))
            {
                var operand = ParseNot();
                return tags => !operand(tags);
            }
            if (Accept("("))
            {
                var inner = ParseOr();
                if (!Accept(")")) throw Error($"expected ')' but found '{Peek}'");
                return inner;
            }
            if (AtEnd || Peek is ")" or "and" or "or") throw Error($"expected a tag but found '{Peek}'");
            var tag = Normalize(tokens[_position++]);
            return tags => tags.Contains(tag);
        }

        private bool Accept(string token)
        {
            if (AtEnd || tokens[_position] != token) return false;
            _position++;
            return true;
        }

        public FormatException Error(string problem) => new($"tag expression \"{source}\": {problem}");
    }
}
