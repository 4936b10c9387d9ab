using System.Diagnostics;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// One compose service run as a local process on its own loopback address: its plan (binary,
/// address, ports, or why it cannot run), its prepared arguments, and the process while it runs.
/// </summary>
public sealed class LocalService
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    public ComposeService Service { get; }
    public ServiceDefinition Definition { get; }
    public string Address { get; }
    public string? Binary { get; }
    public string? Unavailable { get; private set; }

    /// <summary>The ports it listens on: compose's container ports and the readiness port.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>
    /// Every address and port it listens on: its Ports at its own address, and the catalog's
    /// LoopbackPorts at 127.0.0.1, which no loopback block moves.
    /// </summary>
    public IReadOnlyList<(string Address, int Port)> Listeners { get; }

    public IReadOnlyList<string> Arguments { get; private set; } = [];
    public ServiceProcess? Process { get; private set; }

    /// <summary>From the last process start to its first ready answer.</summary>
    public TimeSpan? ReadyAfter { get; private set; }

    public string Name => Service.Name;
    public bool IsRunning => Process is { HasExited: false };

    public LocalService(ComposeService service, string address)
    {
        Service = service;
        Address = address;
        Definition = ServiceCatalog.Get(service.Name);
        Ports = service.Ports.Select(p => p.ContainerPort)
            .Concat(Definition.Readiness is { } probe ? [probe.Port] : [])
            .Distinct().ToList();
        Listeners = [.. Ports.Select(port => (address, port)),
            .. (Definition.Local?.LoopbackPorts ?? []).Select(port => (ServiceCatalog.SingleBinaryGrpcAddress, port))];
        if (Definition.Local is null)
        {
            Unavailable = $"no local command is known for {service.Name} (see ServiceCatalog)";
            return;
        }
        Binary = Definition.Local.Binaries.Select(BinaryFinder.Find).FirstOrDefault(b => b is not null);
        if (Binary is null)
            Unavailable = $"binary {string.Join(" or ", Definition.Local.Binaries.Select(b => $"'{b}'"))} not found on PATH or in STACKTESTS_BIN_DIR";
    }

    /// <summary>Marks the service as unable to run, e.g. because a dependency cannot.</summary>
    public void MarkUnavailable(string reason) => Unavailable ??= reason;

    /// <summary>The command line it runs with, for messages.</summary>
    public string CommandLine => $"{Binary} {string.Join(' ', Arguments)}";

    public void Prepare(IReadOnlyList<string> arguments) => Arguments = arguments;

    /// <summary>Starts the process and waits until its readiness probe answers, or fails with its output.</summary>
    public async Task StartAsync(string runDirectory, ProcessReaper reaper, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(runDirectory, Name);
        var process = ServiceProcess.Start(Name, Binary!, Arguments, directory, LogFilePath(runDirectory), Service.Environment);
        Process = process;
        reaper.Track(process.Id);
        var clock = Stopwatch.StartNew();
        try
        {
            await WaitReadyAsync(process, cancellationToken);
            ReadyAfter = clock.Elapsed;
        }
        catch (Exception e) when (e is EventuallyTimeoutException or PollingAbortedException)
        {
            throw new StackStartException(
                $"{Name} ({process.CommandLine}) did not become ready: {e.Message}\n    " +
                string.Join("\n    ", process.RecentOutput()) + $"\n    full log: {LogFilePath(runDirectory)}");
        }
    }

    public async Task StopAsync(ProcessReaper? reaper)
    {
        if (Process is not { } process) return;
        Process = null;
        await process.StopAsync(StopGrace);
        reaper?.Untrack(process.Id);
        await process.DisposeAsync();
    }

    public string LogFilePath(string runDirectory) => Path.Combine(runDirectory, $"{Name}.log");

    private async Task WaitReadyAsync(ServiceProcess process, CancellationToken cancellationToken)
    {
        if (Definition.Readiness is null && Ports.Count == 0)
        {
            // Nothing to ask: ready means it did not exit at once (e.g. a bad script path).
            if (process.HasExited) throw new PollingAbortedException($"{Name} {process.ExitDescription}");
            return;
        }
        var probe = Definition.Readiness ?? new ReadinessProbe(Ports[0], null);
        await ReadinessWait.UntilReadyAsync(Name, probe, Address, probe.Port, Definition.ReadinessTimeout,
            () => process.HasExited ? process.ExitDescription : null, cancellationToken);
    }
}
