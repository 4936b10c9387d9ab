using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Harness.Tests.Providers;

/// <summary>
/// The container stacks against a real Docker engine, with the small iot profile (broker,
/// exporter, simulator). Skipped, saying why, where no engine answers.
/// </summary>
public sealed class DockerStackTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static void RequireDocker()
    {
        if (DockerProbe.Unavailable is { } reason) Assert.Skip(reason);
    }

    [Fact]
    public async Task The_testcontainers_stack_runs_the_iot_profile_and_restarts_a_service()
    {
        RequireDocker();
        await using var stack = new TestcontainersStack(Compose, ["iot"], TestRun.Id + "-tc", Path.Combine(TestRun.Directory, "tc-iot"));
        await stack.StartAsync(Token);
        await ExerciseAsync(stack);
    }

    [Fact]
    public async Task The_compose_stack_runs_the_iot_profile_and_restarts_a_service()
    {
        RequireDocker();
        await using var stack = new ComposeStack(Compose, ["iot"], TestRun.Id + "-compose", Path.Combine(TestRun.Directory, "compose-iot"));
        await stack.StartAsync(Token);
        await ExerciseAsync(stack);
    }

    // Device readings reach the exporter through the broker; the broker restarts and readings flow again.
    private static async Task ExerciseAsync(IStack stack)
    {
        stack.RunningServices.Should().Contain(["mosquitto", "mqtt-exporter", "device-simulator"]);
        var metrics = new Uri(stack.Endpoint("mqtt-exporter", 9641), "/metrics");
        await Eventually.UntilAsync("a device reading on the mqtt exporter", $"GET {metrics}",
            token => Http.GetStringAsync(metrics, token), text => text.Contains("device_temperature_celsius{", StringComparison.Ordinal),
            new EventuallyOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), cancellationToken: Token);

        await stack.RestartServiceAsync("mosquitto", Token);
        stack.RunningServices.Should().Contain("mosquitto");
        (await stack.LogsAsync("mosquitto", 20, Token)).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("mosquitto: "));
    }
}
