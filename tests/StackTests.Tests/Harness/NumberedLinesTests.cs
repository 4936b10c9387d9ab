using StackTests.Harness;

namespace StackTests.Tests.Harness;

public sealed class NumberedLinesTests
{
    private const string Prefix = "stacktests numbered line run-1 abc";

    [Fact]
    public void Reads_the_numbers_of_the_prefix_sorted_and_ignores_other_lines()
    {
        var lines = NumberedLines.Of([$"{Prefix} 3", $"{Prefix} 1", "another container's line 2", $"  {Prefix} 2  "], Prefix);

        lines.Numbers.Should().Equal(1, 2, 3);
        lines.Unparsed.Should().BeEmpty();
        lines.Describe(3).Should().Be("3 numbered lines");
    }

    [Fact]
    public void A_line_without_a_number_is_unparsed_never_a_number()
    {
        var lines = NumberedLines.Of([$"{Prefix} 1", $"{Prefix} x", $"{Prefix} -1", $"{Prefix} 2"], Prefix);

        lines.Numbers.Should().Equal(1, 2);
        lines.Unparsed.Should().Equal($"{Prefix} x", $"{Prefix} -1");
        lines.Numbers.Should().Equal([1, 2], "1..2 is found, yet the run must still fail on the unparsed lines");
        lines.Describe(2).Should().Contain("2 without a number");
    }

    [Fact]
    public void Describes_missing_duplicated_and_foreign_numbers()
    {
        var lines = NumberedLines.Of([$"{Prefix} 1", $"{Prefix} 1", $"{Prefix} 4", $"{Prefix} 7"], Prefix);

        lines.Numbers.Should().NotEqual([1, 2, 3, 4]);
        lines.Describe(4).Should().Be("4 numbered lines; missing 2, 3; duplicated 1 x2; outside 1..4: 7");
    }
}
