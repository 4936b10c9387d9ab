using StackTests.Harness;
using System.Diagnostics;
using CliWrap;
using CliWrap.Buffered;
using StackTests.Compose;
using StackTests.Harness.Emitters;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>
/// The container stacks against a real Docker engine. Skipped, saying why, where no engine
/// answers, or where the engine lacks the stack's images (STACKTESTS_IMAGE_REGISTRY=stacktests.local
/// with the images of .ci/images.sh, or a registry mirror); the tests of failures make the images
/// they need themselves (SelfTestImage) and need none of compose's.
/// </summary>
[Trait("Tier", "integration")]
public sealed class DockerStackTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static void RequireDocker()
    {
        if (DockerProbe.Unavailable is { } reason) Assert.Skip(reason);
    }

    // A service left out for want of its image: the test cannot say anything here, and says why.
    private static void RequireImages(IStack stack, params string[] services)
    {
        foreach (var service in services)
            if (stack.Unavailable(service) is { } why && why.Contains("could not be pulled", StringComparison.Ordinal))
                Assert.Skip($"{service}: {why}");
    }

    private static string Directory(string name) => Path.Combine(TestRun.Directory, $"{name}-{Guid.NewGuid():N}"[..24]);

    [Fact]
    public async Task The_testcontainers_stack_runs_the_iot_profile_and_restarts_a_service()
    {
        RequireDocker();
        await using var stack = new TestcontainersStack(Compose, ["iot"], TestRun.Id + "-tc", Directory("tc-iot"));
        await stack.StartAsync(Token);
        RequireImages(stack, "mosquitto", "mqtt-exporter", "device-simulator");
        await ExerciseAsync(stack);
    }

    [Fact]
    public async Task The_compose_stack_runs_the_iot_profile_and_restarts_a_service()
    {
        RequireDocker();
        await using var stack = new DockerComposeStack(Compose, ["iot"], TestRun.Id + "-compose", Directory("compose-iot"));
        await stack.StartAsync(Token);
        RequireImages(stack, "mosquitto", "mqtt-exporter", "device-simulator");
        await ExerciseAsync(stack);
    }

    // Device readings reach the exporter through the broker; the broker restarts and readings flow again.
    private static async Task ExerciseAsync(IStack stack)
    {
        stack.RunningServices.Should().Contain(["mosquitto", "mqtt-exporter", "device-simulator"]);
        var metrics = new Uri(stack.Endpoint("mqtt-exporter", "http"), "/metrics");
        metrics.Host.Should().Be("127.0.0.1", "the stack's ports are published on the loopback address only");
        await Eventually.UntilAsync("a device reading on the mqtt exporter", $"GET {metrics}",
            token => Http.GetStringAsync(metrics, token), text => text.Contains("device_temperature_celsius{", StringComparison.Ordinal),
            new EventuallyOptions(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), cancellationToken: Token);

        await stack.RestartServiceAsync("mosquitto", Token);
        stack.RunningServices.Should().Contain("mosquitto");
        // A restarted container may get new host ports: the endpoint asked afterwards reaches it.
        var broker = stack.Endpoint("mosquitto", "mqtt");
        using (var client = new System.Net.Sockets.TcpClient())
            await client.ConnectAsync(broker.Host, broker.Port, Token);
        (await stack.LogsAsync("mosquitto", 20, Token)).Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith("mosquitto: "));
    }

    [Fact]
    public async Task Two_compose_stacks_run_side_by_side_and_leave_nothing_behind()
    {
        RequireDocker();
        var broker = Compose.Only(new HashSet<string> { "mosquitto" });
        var first = new DockerComposeStack(broker, ["iot"], TestRun.Id + "-a", Directory("compose-a"));
        var second = new DockerComposeStack(broker, ["iot"], TestRun.Id + "-b", Directory("compose-b"));
        try
        {
            await Task.WhenAll(first.StartAsync(Token), second.StartAsync(Token));
            RequireImages(first, "mosquitto");
            first.Endpoint("mosquitto", "mqtt").Should().NotBe(second.Endpoint("mosquitto", "mqtt"));
            first.RunningServices.Should().Equal("mosquitto");
            second.RunningServices.Should().Equal("mosquitto");
        }
        finally
        {
            await first.DisposeAsync();
            await second.DisposeAsync();
        }
        foreach (var project in new[] { first.Commands.Project, second.Commands.Project })
            (await DockerAsync("ps", "-aq", "--filter", $"label=com.docker.compose.project={project}")
             + await DockerAsync("network", "ls", "-q", "--filter", $"label=com.docker.compose.project={project}")
             + await DockerAsync("volume", "ls", "-q", "--filter", $"label=com.docker.compose.project={project}"))
                .Should().BeEmpty($"down -v removes every container, network and volume of project {project}");
    }

    // Depends on no image of compose's: the service that depends on the missing one gets an image the test makes.
    [Fact]
    public async Task An_image_neither_present_nor_pullable_makes_its_service_unavailable_naming_image_and_remedy()
    {
        RequireDocker();
        var (made, problem) = await SelfTestImage.CreateAsync("reader", """["/bin/sh", "-c", "exit 0"]""", Token);
        if (made is null) Assert.Skip(problem!);
        await using var image = made;
        var text = File.ReadAllText(Compose.Path)
            .Replace($"image: {Compose.Service("mosquitto").Image}", "image: stacktests.invalid/no-such-image:1")
            .Replace($"image: {Compose.Service("mqtt-exporter").Image}", $"image: {image.Reference}");
        var compose = ComposeFile.Parse(Compose.Path, text).Only(new HashSet<string> { "mosquitto", "mqtt-exporter" });
        await using var stack = new TestcontainersStack(compose, ["iot"], TestRun.Id + "-noimage", Directory("tc-noimage"));
        await stack.StartAsync(Token);

        stack.IsAvailable("mosquitto").Should().BeFalse();
        stack.Unavailable("mosquitto").Should().Contain("stacktests.invalid/no-such-image:1").And.Contain("of mosquitto")
            .And.Contain("could not be pulled").And.Contain("STACKTESTS_IMAGE_REGISTRY");
        stack.Unavailable("mqtt-exporter").Should().StartWith("depends on mosquitto, which cannot start: image ");
    }

    // Depends on no image of compose's: Prometheus's service runs an image the test makes, which prints
    // its arguments and exits, as a program given a flag it does not know does.
    [Fact]
    public async Task A_container_that_exits_during_start_is_reported_with_its_last_log_lines()
    {
        RequireDocker();
        var (made, problem) = await SelfTestImage.CreateAsync("exits", """["/bin/sh", "-c", "echo \"unknown flag in: $*\" >&2; exit 3", "sh"]""", Token);
        if (made is null) Assert.Skip(problem!);
        await using var image = made;
        var text = File.ReadAllText(Compose.Path).Replace("- --web.enable-lifecycle", "- --no-such-flag")
            .Replace($"image: {Compose.Service("prometheus").Image}", $"image: {image.Reference}");
        var compose = ComposeFile.Parse(Compose.Path, text).Only(new HashSet<string> { "prometheus" });
        await using var stack = new TestcontainersStack(compose, ["core"], TestRun.Id + "-exits", Directory("tc-exits"));
        var start = () => stack.StartAsync(Token);
        var failure = (await start.Should().ThrowAsync<StackStartException>()).Which.Message;
        failure.Should().Contain("prometheus (").And.Contain("prometheus: ").And.Contain("no-such-flag");
    }

    [Fact]
    public async Task What_a_dead_owner_left_is_removed_and_what_a_live_one_uses_is_kept()
    {
        RequireDocker();
        var image = ImageReference.Resolve(LogWritingContainer.Image);
        if ((await DockerAsync("image", "ls", "-q", image)).Length == 0) Assert.Skip($"image {image} is not on the engine");
        using var owner = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        var dead = ProcessOwner.Of(owner.Id)!;
        var name = $"stacktests-sweep-{Guid.NewGuid():N}"[..28];
        string[] Labels(string who) => ["--label", $"{DockerResources.RunIdLabel}=sweep-test", "--label", $"{DockerResources.OwnerLabel}={who}"];
        await DockerAsync(["network", "create", .. Labels(dead), name + "-net"]);
        await DockerAsync(["volume", "create", .. Labels(dead), name + "-vol"]);
        await DockerAsync(["run", "-d", "--name", name, "--network", name + "-net", "-v", name + "-vol:/data", .. Labels(dead), image, "sleep", "300"]);
        await DockerAsync(["network", "create", .. Labels(ProcessOwner.Current), name + "-live"]);
        try
        {
            owner.Kill();
            await owner.WaitForExitAsync(Token);

            var removed = await DockerResources.RemoveOrphansAsync(Token);

            removed.Should().Contain(l => l.Contains(name) && l.StartsWith("removed container", StringComparison.Ordinal))
                .And.Contain($"removed network {name}-net of a run that died")
                .And.Contain($"removed volume {name}-vol of a run that died");
            (await DockerAsync("ps", "-aq", "--filter", $"name={name}")).Should().BeEmpty();
            (await DockerAsync("network", "ls", "-q", "--filter", $"name={name}-live")).Should().NotBeEmpty("its owner, this process, still runs");
        }
        finally
        {
            await DockerAsync("rm", "-f", "-v", name);
            await DockerAsync("network", "rm", name + "-net", name + "-live");
            await DockerAsync("volume", "rm", "-f", name + "-vol");
        }
    }

    private static async Task<string> DockerAsync(params string[] arguments)
    {
        var result = await Cli.Wrap("docker").WithArguments(arguments).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return result.StandardOutput.Trim();
    }
}
