using StackTests.Harness;

namespace StackTests.Tests.Harness;

public sealed class CommandFlagsTests
{
    [Fact]
    public void A_double_dash_flag_replaces_both_spellings_of_the_same_flag() =>
        CommandFlags.Set(["--a=1", "--web.listen-address=0.0.0.0:9093", "--b", "--web.listen-address", ":1", "--c"], "--web.listen-address", "127.0.0.11:9093")
            .Should().Equal("--a=1", "--b", "--c", "--web.listen-address=127.0.0.11:9093");

    [Fact]
    public void An_empty_value_is_kept_as_flag_equals_nothing() =>
        CommandFlags.Set(["--cluster.listen-address="], "--cluster.listen-address", "").Should().Equal("--cluster.listen-address=");

    [Fact]
    public void A_single_dash_go_flag_is_set_as_two_arguments() =>
        CommandFlags.Set(["-config", "/c.yaml", "-listen-port", "9641"], "-listen-port", "9641")
            .Should().Equal("-config", "/c.yaml", "-listen-port", "9641");

    [Fact]
    public void A_default_is_added_only_where_the_flag_is_not_given() =>
        CommandFlags.Default(["--a"], "--persistence.file", "").Should().Equal("--a", "--persistence.file=");

    [Fact]
    public void A_default_leaves_the_flag_as_given_in_either_spelling()
    {
        CommandFlags.Default(["--persistence.file=/p/db"], "--persistence.file", "").Should().Equal("--persistence.file=/p/db");
        CommandFlags.Default(["--persistence.file", "/p/db"], "--persistence.file", "").Should().Equal("--persistence.file", "/p/db");
    }
}
