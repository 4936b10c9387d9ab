using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>Compose's interpolation, form by form (docker compose's own answers: ComposeOracleTests).</summary>
public sealed class ComposeInterpolationTests
{
    private static string? Lookup(string name) => name switch { "SET" => "value", "EMPTY" => "", "OTHER" => "other", _ => null };

    private static string Apply(string text) => ComposeInterpolation.Apply(text, Lookup);

    [Theory]
    [InlineData("${SET}", "value")]
    [InlineData("$SET/x", "value/x")]
    [InlineData("${UNSET:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${UNSET-fallback}", "fallback")]
    [InlineData("${UNSET}", "")]
    [InlineData("$$SYS/broker", "$SYS/broker")]
    [InlineData("no variables", "no variables")]
    public void Values_are_interpolated_as_compose_does(string text, string expected) => Apply(text).Should().Be(expected);

    [Theory]
    [InlineData("${SET:+on}", "on")]
    [InlineData("${EMPTY:+on}", "")]
    [InlineData("${UNSET:+on}", "")]
    [InlineData("${SET+on}", "on")]
    [InlineData("${EMPTY+on}", "on")]
    [InlineData("${UNSET+on}", "")]
    [InlineData("${SET:+${OTHER}!}", "other!")]
    public void A_replacement_applies_only_when_the_variable_is_set(string text, string expected) => Apply(text).Should().Be(expected);

    [Theory]
    [InlineData("${UNSET:-${SET:-x}}", "value")]
    [InlineData("${UNSET:-${UNSET2:-x}}", "x")]
    [InlineData("${UNSET:-a${SET}b}", "avalueb")]
    [InlineData("${UNSET:-${SET:+in}}", "in")]
    [InlineData("${UNSET:-a}b}", "ab}")]
    [InlineData("${UNSET:-{x}y}", "{x}y")]
    [InlineData("${A-B-C}", "B-C")]
    [InlineData("${SET:-a:-b}", "value")]
    public void Defaults_nest_and_end_at_their_own_closing_brace(string text, string expected) => Apply(text).Should().Be(expected);

    [Theory]
    [InlineData("$$", "$")]
    [InlineData("$$$SET", "$value")]
    [InlineData("$$$$", "$$")]
    [InlineData("${UNSET:-$$}", "$")]
    [InlineData("a$ b", "a$ b")]
    [InlineData("$1", "$1")]
    [InlineData("cost: 5$", "cost: 5$")]
    [InlineData("${SET}}", "value}")]
    public void A_dollar_is_literal_when_doubled_or_not_followed_by_a_name(string text, string expected) => Apply(text).Should().Be(expected);

    [Theory]
    [InlineData("${UNSET:?must be set}", "UNSET", "required variable UNSET is missing a value: must be set")]
    [InlineData("${EMPTY:?}", "EMPTY", "required variable EMPTY is missing a value")]
    [InlineData("${UNSET?needed here}", "UNSET", "required variable UNSET is missing a value: needed here")]
    [InlineData("${UNSET:?${SET} msg}", "UNSET", "required variable UNSET is missing a value: value msg")]
    public void A_required_variable_without_a_value_fails_with_its_message(string text, string variable, string message)
    {
        var apply = () => Apply(text);
        apply.Should().Throw<ComposeInterpolationException>().Which.Should().Match<ComposeInterpolationException>(e => e.Variable == variable && e.Message == message);
    }

    [Fact]
    public void A_required_reference_in_an_unused_default_still_fails_as_with_docker_compose_2_26()
    {
        var apply = () => Apply("${SET:-${UNSET:?boom}}");
        apply.Should().Throw<ComposeInterpolationException>().WithMessage("required variable UNSET is missing a value: boom");
    }

    [Theory]
    [InlineData("${EMPTY?oops}", "")]
    [InlineData("${SET:?oops}", "value")]
    public void A_required_variable_with_a_value_is_its_value(string text, string expected) => Apply(text).Should().Be(expected);

    [Theory]
    [InlineData("${}")]
    [InlineData("${UNSET")]
    [InlineData("${UNSET:-${SET}")]
    [InlineData("${SET:-${UNCLOSED}")]
    [InlineData("${1X}")]
    [InlineData("${A B}")]
    [InlineData("${A:x}")]
    public void A_malformed_reference_fails_naming_the_text(string text)
    {
        var apply = () => Apply(text);
        apply.Should().Throw<ComposeInterpolationException>().Which.Message.Should().StartWith("invalid interpolation format in \"").And.Contain("a literal $ is written $$");
    }
}
