using System.Text.RegularExpressions;

namespace StackTests.Tests.Lint;

/// <summary>
/// One deliberate defect planted in a copy of compose/: the first match of <see cref="Find"/>
/// (a regular expression) in <see cref="File"/> becomes <see cref="Replace"/>; the linter must
/// then report <see cref="Rule"/> with a message containing <see cref="MessagePart"/> in that file
/// (or in <see cref="ReportedIn"/> when the defect shows elsewhere).
/// </summary>
public sealed record Mutation(string Name, string File, string Find, string Replace, string Rule, string MessagePart, string? ReportedIn = null)
{
    public string Apply(string text)
    {
        var regex = new Regex(Find, RegexOptions.Multiline);
        if (!regex.IsMatch(text))
            throw new InvalidOperationException($"mutation '{Name}': /{Find}/ no longer matches {File}; update the mutation to the file");
        return regex.Replace(text, Replace, 1);
    }

    public override string ToString() => Name;
}
