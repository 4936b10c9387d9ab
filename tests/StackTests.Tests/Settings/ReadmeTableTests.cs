using StackTests.Settings;

namespace StackTests.Tests.Settings;

/// <summary>README's table of settings is the one SuiteSettings documents: same variables, meanings and defaults, in order.</summary>
public sealed class ReadmeTableTests
{
    private const string Header = "| Variable | Meaning | Default |";

    public static IReadOnlyList<string> ExpectedRows =>
        SuiteSettings.Variables.Select(v => $"| `{v.Name}` | {v.Meaning} | {v.Default} |").ToList();

    [Fact]
    public void The_table_matches_the_settings_class()
    {
        var readme = Path.Combine(RepositoryRoot.Require(), "README.md");
        var lines = File.ReadAllLines(readme);
        var header = Array.IndexOf(lines, Header);
        header.Should().BeGreaterThan(-1, $"{readme} holds the table of settings, headed '{Header}'");
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();
        rows.Should().Equal(ExpectedRows,
            $"{readme}:{header + 1}: the table of settings must say what SuiteSettings.Variables says; the rows are:\n{string.Join('\n', ExpectedRows)}\n");
    }
}
