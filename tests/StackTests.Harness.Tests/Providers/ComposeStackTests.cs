using System.Net;
using System.Net.Sockets;
using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Harness.Tests.Providers;

/// <summary>
/// The compose stack end to end against a fake docker CLI (a script that records its arguments
/// and answers like docker), since no Docker engine runs here.
/// </summary>
public sealed class ComposeStackTests : IDisposable
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static CancellationToken Token => TestContext.Current.CancellationToken;
    private readonly string _directory = Path.Combine(TestRun.Directory, "compose-fake-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly HttpListener _service = new();
    private readonly int _port = FreePort();

    public ComposeStackTests()
    {
        Directory.CreateDirectory(_directory);
        // Stands in for every published port: answers 200 to any GET, like a ready service.
        _service.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _service.Start();
        _ = Task.Run(async () =>
        {
            while (_service.IsListening)
            {
                try { var context = await _service.GetContextAsync(); context.Response.StatusCode = 200; context.Response.Close(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            }
        });
    }

    private string Calls => Path.Combine(_directory, "calls.log");

    private DockerCli FakeDocker(string versionAnswer = "echo 27.3.1", string upAnswer = "exit 0")
    {
        var script = Path.Combine(_directory, "docker");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            echo "$*" >> '{{Calls}}'
            case " $* " in
              *" version "*) {{versionAnswer}} ;;
              *" up "*) {{upAnswer}} ;;
              *" port "*) echo "127.0.0.1:{{_port}}" ;;
              *" ps "*) printf 'mosquitto\nmqtt-exporter\n' ;;
              *" logs "*) printf 'first line\nsecond line\n' ;;
            esac
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new DockerCli(script);
    }

    private string[] CallLines => File.ReadAllLines(Calls);

    [Fact]
    public async Task Up_port_ps_restart_logs_and_down_run_against_the_runs_own_project()
    {
        var stack = new ComposeStack(Compose, ["iot"], "run-7", _directory, FakeDocker());
        var project = $"compose -p stacktests-run-7 -f {Path.GetFullPath(Compose.Path)} --profile iot";

        await stack.StartAsync(Token);
        stack.Endpoint("mqtt-exporter", 9641).Should().Be(new Uri($"http://127.0.0.1:{_port}"));
        stack.RunningServices.Should().Equal("mosquitto", "mqtt-exporter");
        stack.Credentials("mosquitto").Should().BeNull();

        await stack.RestartServiceAsync("mqtt-exporter", Token);
        var logs = await stack.LogsAsync("mosquitto", 2, Token);
        logs.Should().Equal("mosquitto: first line", "mosquitto: second line");
        File.ReadAllText(stack.LogFile("mosquitto")!).Should().Contain("second line");
        await stack.DisposeAsync();

        CallLines.Should().StartWith(["version --format {{.Server.Version}}", $"{project} up -d --wait --wait-timeout 300"]);
        CallLines.Should().Contain([$"{project} port mosquitto 1883", $"{project} port mqtt-exporter 9641",
            $"{project} restart mqtt-exporter", $"{project} up -d --wait --no-deps mqtt-exporter",
            $"{project} logs --no-color --no-log-prefix --tail 2 mosquitto"]);
        CallLines.Last().Should().Be($"{project} down -v --remove-orphans");
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_is_reported_with_dockers_own_words()
    {
        await using var stack = new ComposeStack(Compose, ["iot"], "run-8", _directory,
            FakeDocker(versionAnswer: "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2; exit 1"));
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>()).WithMessage(
            "compose stack: the Docker engine does not answer (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?); start Docker, or use --stack local");
        CallLines.Should().Equal("version --format {{.Server.Version}}");
    }

    [Fact]
    public async Task A_failed_up_reports_composes_error_with_the_service_logs_and_tears_down()
    {
        await using var stack = new ComposeStack(Compose, ["iot"], "run-9", _directory,
            FakeDocker(upAnswer: "echo 'container stacktests-run-9-mosquitto-1 is unhealthy' >&2; exit 1"));
        var start = () => stack.StartAsync(Token);
        var message = (await start.Should().ThrowAsync<StackStartException>()).Which.Message;
        message.Should().Contain("failed (exit 1):\ncontainer stacktests-run-9-mosquitto-1 is unhealthy").And.Contain("mosquitto: second line");
        CallLines.Last().Should().EndWith("down -v --remove-orphans");
    }

    [Fact]
    public async Task A_missing_docker_cli_is_named()
    {
        await using var stack = new ComposeStack(Compose, ["iot"], "run-10", _directory, new DockerCli(Path.Combine(_directory, "no-such-docker")));
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>()).WithMessage("the docker CLI cannot be run (*): install Docker, or use --stack local");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => _service.Close();
}
