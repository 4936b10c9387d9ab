using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>A step definition written as a regular expression; each capture group is one argument.</summary>
public sealed class RegularExpression : StepExpression
{
    public RegularExpression(string source) : this(source, Compile(source)) { }

    private RegularExpression(string source, Regex regex)
        : base(source, regex, Enumerable.Repeat<ParameterType?>(null, regex.GetGroupNumbers().Length - 1).ToList()) { }

    public override bool IsRegularExpression => true;

    public override IReadOnlyList<StepArgument>? Match(string text)
    {
        var match = Regex.Match(text);
        if (!match.Success) return null;
        var arguments = new StepArgument[match.Groups.Count - 1];
        for (var i = 1; i < match.Groups.Count; i++)
        {
            var group = match.Groups[i];
            arguments[i - 1] = new StepArgument(group.Success ? group.Value : null, group.Index, null);
        }
        return arguments;
    }

    private static Regex Compile(string source)
    {
        var anchored = (source.StartsWith('^') ? "" : "^") + source + (source.EndsWith('$') ? "" : "$");
        try { return new Regex(anchored, RegexOptions.CultureInvariant); }
        catch (ArgumentException e) { throw new BindingException($"invalid regular expression \"{source}\": {e.Message}"); }
    }
}
