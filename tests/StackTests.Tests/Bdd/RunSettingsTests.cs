using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class RunSettingsTests
{
    [Fact]
    public void An_assembly_without_a_settings_attribute_gets_a_clear_error()
    {
        var read = () => RunSettings.Of(typeof(RunSettingsTests).Assembly);
        read.Should().Throw<FeatureFileException>()
            .WithMessage("StackTests.Tests gives no settings for its scenarios: put an attribute derived from RunSettingsAttribute on the assembly");
    }
}
