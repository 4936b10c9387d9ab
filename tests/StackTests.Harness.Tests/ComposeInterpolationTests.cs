using StackTests.Compose;

namespace StackTests.Harness.Tests;

public sealed class ComposeInterpolationTests
{
    private static string? Lookup(string name) => name switch { "SET" => "value", "EMPTY" => "", _ => null };

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
    public void Values_are_interpolated_as_compose_does(string text, string expected) =>
        ComposeInterpolation.Apply(text, Lookup).Should().Be(expected);
}
