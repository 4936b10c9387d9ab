using StackTests.Harness;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackTests.Compose;
using StackTests.Harness.Providers;
using StackTests.Settings;

namespace StackTests.Tests.Harness.Local;

/// <summary>Starting and ending local stacks: bad flags, ports in use, and no process left behind.</summary>
[Collection(LocalProcessesCollection.Name)]
[Trait("Tier", "integration")]
public sealed class LocalStackLifecycleTests
{
    private const string Loopback = "127.0.42";
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (ComposeFile Compose, string RunDirectory) Scratch(string yaml)
    {
        var directory = Path.Combine(TestRun.Directory, "harness-lifecycle-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        return (ComposeFile.Parse(Path.Combine(directory, "compose.yaml"), yaml), Path.Combine(directory, "run"));
    }

    private static void Require(string binary)
    {
        if (BinaryFinder.Find(binary) is null) Assert.Skip($"binary '{binary}' is not installed here");
    }

    [Fact]
    public async Task Disposing_the_stack_ends_every_service_process()
    {
        Require("prometheus-pushgateway");
        Require("prometheus-node-exporter");
        var (compose, run) = Scratch("""
            services:
              pushgateway: { image: prom/pushgateway, ports: ["127.0.0.1:9091:9091"], x-stacktests: { ports: { http: 9091 } } }
              node-exporter: { image: prom/node-exporter, ports: ["127.0.0.1:9100:9100"], x-stacktests: { ports: { http: 9100 } } }
            """);
        var stack = new LocalStack(compose, [], run, Loopback);
        await stack.StartAsync(Token);
        var pids = stack.ProcessIds;
        pids.Should().HaveCount(2);
        ProcessTable.ChildrenOf(Environment.ProcessId).Select(c => c.Pid).Should().Contain(pids);

        await stack.DisposeAsync();

        pids.Should().OnlyContain(pid => !ProcessTable.IsAlive(pid));
        ProcessTable.ChildrenOf(Environment.ProcessId).Select(c => c.Pid).Should().NotIntersectWith(pids);
        File.ReadAllText(Path.Combine(run, "children.pids")).Trim().Should().BeEmpty("no pid is left for the reaper");
    }

    [Fact]
    public async Task A_compose_flag_the_local_binary_rejects_fails_with_the_services_own_output()
    {
        Require("prometheus-pushgateway");
        var (compose, run) = Scratch("""
            services:
              pushgateway:
                image: prom/pushgateway
                command: [--no-such-flag]
                ports: ["127.0.0.1:9091:9091"]
                x-stacktests: { ports: { http: 9091 } }
            """);
        await using var stack = new LocalStack(compose, [], run, Loopback);
        var start = () => stack.StartAsync(Token);
        var failure = await start.Should().ThrowAsync<StackStartException>();
        failure.WithMessage("*pushgateway*exited with code*").And.Message.Should().Contain("pushgateway: ").And.Contain("no-such-flag");
        stack.ProcessIds.Should().BeEmpty();
    }

    [Fact]
    public async Task A_port_in_use_fails_naming_the_service_and_its_address()
    {
        Require("prometheus-pushgateway");
        var (compose, run) = Scratch("""
            services:
              pushgateway: { image: prom/pushgateway, ports: ["127.0.0.1:9091:9091"], x-stacktests: { ports: { http: 9091 } } }
            """);
        await using var stack = new LocalStack(compose, [], run, Loopback);
        using var holder = new TcpListener(IPAddress.Parse(stack.AddressOf("pushgateway")), 9091);
        holder.Start();
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>())
            .WithMessage("*pushgateway: port 127.0.42.10:9091 is already in use*");
        stack.ProcessIds.Should().BeEmpty();
    }

    [Fact]
    public async Task The_reaper_kills_listed_pids_when_the_watched_process_dies()
    {
        var directory = Path.Combine(TestRun.Directory, "harness-reaper-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        // A stand-in for the test process: when it is killed, its children must go too.
        using var watched = Process.Start("sleep", "300");
        using var child = Process.Start("sleep", "300");
        using var reaper = new ProcessReaper(directory, watched.Id);
        reaper.Track(child.Id);

        watched.Kill();

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await child.WaitForExitAsync(bound.Token);
        child.ExitCode.Should().Be(137, "the reaper sent SIGKILL");
        await Eventually.UntilAsync("the watcher to end", $"/proc/{reaper.WatcherId}",
            _ => Task.FromResult(ProcessTable.IsAlive(reaper.WatcherId!.Value)), alive => !alive,
            new EventuallyOptions(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)), cancellationToken: Token);
    }

    [Fact]
    public void Disposing_the_reaper_ends_its_watcher_and_kills_nothing_untracked()
    {
        var directory = Path.Combine(TestRun.Directory, "harness-reaper-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        using var child = Process.Start("sleep", "300");
        var reaper = new ProcessReaper(directory);
        reaper.Track(child.Id);
        reaper.Untrack(child.Id);
        var watcher = reaper.WatcherId!.Value;

        reaper.Dispose();

        ProcessTable.IsAlive(watcher).Should().BeFalse();
        ProcessTable.IsAlive(child.Id).Should().BeTrue("an untracked pid is not the reaper's");
        child.Kill();
    }
}
