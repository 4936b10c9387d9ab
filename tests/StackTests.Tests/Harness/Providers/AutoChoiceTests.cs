using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>--stack auto picks the provider that can serve the selected scenarios, and says why in one line.</summary>
public sealed class AutoChoiceTests
{
    [Fact]
    public void Without_an_engine_it_is_the_local_stack_naming_why()
    {
        var choice = AutoChoice.Decide("no Docker engine answers at unix:///var/run/docker.sock", new Dictionary<string, string?>());

        choice.Provider.Should().Be("local");
        choice.Why.Should().Be("auto: the local stack, as no Docker engine answers at unix:///var/run/docker.sock");
    }

    [Fact]
    public void With_every_image_there_or_pullable_it_is_the_testcontainers_stack()
    {
        var choice = AutoChoice.Decide(null, new Dictionary<string, string?> { ["prometheus"] = null, ["pushgateway"] = null });

        choice.Provider.Should().Be("testcontainers");
        choice.Why.Should().Be("auto: the testcontainers stack, as a Docker engine answers and holds or can pull the images of prometheus, pushgateway");
    }

    [Fact]
    public void One_image_neither_there_nor_pullable_makes_it_the_local_stack_in_one_line_naming_the_services_and_the_first_reason()
    {
        const string registry = "image prom/prometheus:v3.5.3: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host";
        var choice = AutoChoice.Decide(null, new Dictionary<string, string?>
        {
            ["pushgateway"] = null,
            ["prometheus"] = registry,
            ["alertmanager"] = "image prom/alertmanager:v0.33.1: the registry did not answer within 15 s",
        });

        choice.Provider.Should().Be("local");
        choice.Why.Should().Be("auto: the local stack, as 2 of the 3 images the selected scenarios need are neither on the Docker engine nor pullable " +
                               "(alertmanager, prometheus; alertmanager: image prom/alertmanager:v0.33.1: the registry did not answer within 15 s); " +
                               "--stack testcontainers uses the engine anyway");
        choice.Why.Should().NotContain("\n");
    }
}
