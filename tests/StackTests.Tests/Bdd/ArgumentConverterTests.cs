using System.Numerics;
using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class ArgumentConverterTests
{
    private static object? Convert(string text, Type type) =>
        ArgumentConverter.BuiltIn.ConvertText(text, type, _ => throw new InvalidOperationException("no injection"));

    public static TheoryData<string, Type, object> Values => new()
    {
        { "42", typeof(int), 42 },
        { "-7", typeof(long), -7L },
        { "2.5", typeof(double), 2.5 },
        { "0.1", typeof(decimal), 0.1m },
        { "yes", typeof(bool), true },
        { "False", typeof(bool), false },
        { "text", typeof(string), "text" },
        { "30s", typeof(TimeSpan), TimeSpan.FromSeconds(30) },
        { "2m", typeof(TimeSpan), TimeSpan.FromMinutes(2) },
        { "1h30m", typeof(TimeSpan), TimeSpan.FromMinutes(90) },
        { "500ms", typeof(TimeSpan), TimeSpan.FromMilliseconds(500) },
        { "1.5s", typeof(TimeSpan), TimeSpan.FromMilliseconds(1500) },
        { "00:01:30", typeof(TimeSpan), TimeSpan.FromSeconds(90) },
        { "ready", typeof(Health), Health.Ready },
        { "NOT_READY", typeof(Health), Health.NotReady },
        { "not ready", typeof(Health), Health.NotReady },
        { "5", typeof(int?), 5 },
        { "-31415926535897932384626433832795028841971693993751", typeof(BigInteger), BigInteger.Parse("-31415926535897932384626433832795028841971693993751") },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void Text_converts_to_the_parameter_type(string text, Type type, object expected) =>
        Convert(text, type).Should().Be(expected);

    [Theory]
    [InlineData("abc", typeof(int), "\"abc\" is not a valid int")]
    [InlineData("99999999999", typeof(int), "\"99999999999\" is not a valid int")]
    [InlineData("soon", typeof(TimeSpan), "\"soon\" is not a duration; write e.g. 30s, 2m, 1h30m, 500ms")]
    [InlineData("1", typeof(Health), "expected one of Ready, NotReady")]
    [InlineData("maybe", typeof(bool), "expected true/false or yes/no")]
    public void Text_that_does_not_convert_names_the_value_and_the_type(string text, Type type, string message)
    {
        var convert = () => Convert(text, type);
        convert.Should().Throw<ArgumentConversionException>().WithMessage($"*{message}*");
    }

    [Fact]
    public void An_unmatched_optional_group_gives_null_for_nullable_types_only()
    {
        ArgumentConverter.BuiltIn.ConvertText(null, typeof(int?), _ => null!).Should().BeNull();
        var convert = () => ArgumentConverter.BuiltIn.ConvertText(null, typeof(int), _ => null!);
        convert.Should().Throw<ArgumentConversionException>();
    }

    [Fact]
    public void A_transformation_applies_to_its_return_type_when_its_regex_matches()
    {
        var registry = BindingRegistry.Of(typeof(RecordingSteps));
        registry.Converter.ConvertText("blue", typeof(Color), _ => null!).Should().Be(new Color("blue"));
        registry.ParameterTypes.Lookup("color")!.Type.Should().Be(typeof(Color));
    }
}
