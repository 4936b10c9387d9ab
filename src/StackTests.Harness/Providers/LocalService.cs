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
    /// <summary>The catalog's recipe for running it here, or null.</summary>
    public LocalCommand? Local { get; }
    public string Address { get; }
    public string? Binary { get; }
    public string? Unavailable { get; private set; }

    /// <summary>The ports it listens on at its own address: compose's container ports but the recipe's LoopbackPorts.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>
    /// Every address and port it listens on: its Ports at its own address, and the recipe's
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
        Local = ServiceCatalog.Local(service.Name);
        var loopbackPorts = (Local?.LoopbackPorts ?? []).Where(service.NamedPorts.ContainsKey).Select(service.Port).ToList();
        Ports = service.ContainerPorts.Except(loopbackPorts).ToList();
        Listeners = [.. Ports.Select(port => (address, port)),
            .. loopbackPorts.Select(port => (ServiceCatalog.SingleBinaryGrpcAddress, port))];
        if (Local is null)
        {
            Unavailable = $"no local command is known for {service.Name} (see ServiceCatalog)";
            return;
        }
        if ((Local.LoopbackPorts ?? []).FirstOrDefault(port => !service.NamedPorts.ContainsKey(port)) is { } unnamed)
        {
            Unavailable = MissingPort(unnamed);
            return;
        }
        Binary = Local.Binaries.Select(BinaryFinder.Find).FirstOrDefault(b => b is not null);
        if (Binary is null)
            Unavailable = $"binary {string.Join(" or ", Local.Binaries.Select(b => $"'{b}'"))} not found on PATH or in STACKTESTS_BIN_DIR";
    }

    /// <summary>A port the local recipe needs, by its compose name; a name compose lacks stops the start naming both.</summary>
    public int RecipePort(string name) =>
        Service.NamedPorts.TryGetValue(name, out var port) ? port : throw new StackStartException(MissingPort(name));

    private string MissingPort(string name) =>
        $"its local recipe (ServiceCatalog) needs the port named '{name}', which compose.yaml's x-stacktests.ports of {Name} does not name";

    /// <summary>The base URL of a named port: at its own address, or at 127.0.0.1 for one of the recipe's LoopbackPorts.</summary>
    public Uri Endpoint(string port)
    {
        var number = Service.Port(port);
        var host = Ports.Contains(number) ? Address : ServiceCatalog.SingleBinaryGrpcAddress;
        return new Uri($"http://{host}:{number}");
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
        if (Service.Readiness is null && Ports.Count == 0)
        {
            // Nothing to ask: ready means it did not exit at once (e.g. a bad script path).
            if (process.HasExited) throw new PollingAbortedException($"{Name} {process.ExitDescription}");
            return;
        }
        // Without a probe in compose, ready means its first port accepts connections.
        var probe = Service.Readiness ?? new ReadinessProbe(Service.PortName(Ports[0]) ?? "", Ports[0], null, ReadinessProbe.DefaultTimeout);
        await ReadinessWait.UntilReadyAsync(Name, probe, Address, probe.Port,
            () => process.HasExited ? process.ExitDescription : null, cancellationToken);
    }
}
