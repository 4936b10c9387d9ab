using System.Text.RegularExpressions;

namespace StackTests.Bdd;

/// <summary>
/// A step definition written as a regular expression; each outermost capture group is one argument
/// (groups nested in it are part of its text). It must match the whole step text.
/// </summary>
public sealed class RegularExpression : StepExpression
{
    internal RegularExpression(string source, Regex regex) : base(source, WholeText(regex)) { }

    public override bool IsRegularExpression => true;

    private static Regex WholeText(Regex regex) => new($"^(?:{regex})$", regex.Options | RegexOptions.CultureInvariant);
}
