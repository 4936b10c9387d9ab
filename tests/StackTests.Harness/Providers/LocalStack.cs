using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using StackTests.Compose;

namespace StackTests.Harness;

/// <summary>
/// The stack as child processes of this host. Each service gets its own loopback address
/// (127.0.0.N) and listens there on the container ports compose.yaml gives it, so configs that
/// say "loki:3100" work once the host name is rewritten to that address. Arguments come from the
/// compose command with container paths mapped to local copies of the mounted configs.
/// </summary>
public sealed class LocalStack : IStack
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    private readonly ComposeFile _compose;
    private readonly string _runDirectory;
    private readonly Dictionary<string, LocalServicePlan> _plans;
    private readonly Dictionary<string, ServiceProcess> _running = [];
    private ProcessReaper? _reaper;

    public string Provider => "local";

    public LocalStack(ComposeFile compose, IEnumerable<string> profiles, string runDirectory)
    {
        _compose = compose;
        _runDirectory = runDirectory;
        _plans = compose.ServicesFor(profiles).ToDictionary(s => s.Name, s => Plan(s, AddressOf(s.Name)));
    }

    public IReadOnlyList<string> RunningServices => _running.Keys.Order().ToList();

    public bool IsAvailable(string service) => _running.ContainsKey(service);

    public string? Unavailable(string service) =>
        IsAvailable(service) ? null
        : _plans.TryGetValue(service, out var plan) ? plan.Unavailable ?? "not started"
        : $"not in the chosen profiles of {_compose.Path}";

    public Uri Endpoint(string service, int containerPort) =>
        IsAvailable(service)
            ? new Uri($"http://{_plans[service].Address}:{containerPort}")
            : throw new InvalidOperationException($"{service} is not available from the local stack: {Unavailable(service)}");

    /// <summary>127.0.0.N, N fixed by the service's place in compose.yaml.</summary>
    public string AddressOf(string service)
    {
        var index = _compose.Services.Select(s => s.Name).ToList().IndexOf(service);
        if (index < 0) throw new KeyNotFoundException($"{_compose.Path}: no service '{service}'");
        return $"127.0.0.{10 + index}";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_runDirectory);
        _reaper = new ProcessReaper(_runDirectory);
        var startable = _plans.Values.Where(p => p.Unavailable is null).ToList();
        var busy = startable.SelectMany(p => p.Ports.Where(port => !IsFree(p.Address, port))
            .Select(port => $"{p.Service.Name}: port {p.Address}:{port} is already in use")).ToList();
        if (busy.Count > 0)
            throw new StackStartException("Cannot start the local stack:\n  " + string.Join("\n  ", busy));

        var results = await Task.WhenAll(startable.Select(p => StartServiceAsync(p, cancellationToken)));
        var failures = results.Where(r => r is not null).ToList();
        if (failures.Count > 0)
        {
            await DisposeAsync();
            throw new StackStartException("Cannot start the local stack:\n" + string.Join("\n", failures));
        }
    }

    private async Task<string?> StartServiceAsync(LocalServicePlan plan, CancellationToken cancellationToken)
    {
        var name = plan.Service.Name;
        var directory = Path.Combine(_runDirectory, name);
        Directory.CreateDirectory(directory);
        ServiceProcess process;
        try
        {
            var arguments = PrepareArguments(plan, directory);
            process = ServiceProcess.Start(name, plan.Binary!, arguments, directory, Path.Combine(_runDirectory, $"{name}.log"));
        }
        catch (Exception e) when (e is StackStartException or IOException)
        {
            return $"  {name}: {e.Message}";
        }
        _reaper!.Track(process.Id);
        lock (_running) _running[name] = process;
        try
        {
            await WaitReadyAsync(plan, process, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is EventuallyTimeoutException or PollingAbortedException)
        {
            return $"  {name} ({process.CommandLine}): {e.Message}\n    " + string.Join("\n    ", process.RecentOutput());
        }
    }

    private async Task WaitReadyAsync(LocalServicePlan plan, ServiceProcess process, CancellationToken cancellationToken)
    {
        var probe = plan.Definition.Readiness;
        var url = probe is null ? null : $"http://{plan.Address}:{probe.Port}{probe.Path}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.UntilAsync(
            $"{plan.Service.Name} to be ready",
            url is null ? $"TCP connect {plan.Address}:{plan.Ports.FirstOrDefault()}" : $"GET {url}",
            async token =>
            {
                if (process.HasExited) throw new PollingAbortedException($"{plan.Service.Name} {process.ExitDescription}");
                if (url is null) return await CanConnectAsync(plan.Address, plan.Ports.First(), token) ? "accepting connections" : "refused";
                using var response = await http.GetAsync(url, token);
                return $"{(int)response.StatusCode} {response.ReasonPhrase}";
            },
            observed => observed.StartsWith('2') || observed == "accepting connections",
            new EventuallyOptions(ReadinessTimeout, TimeSpan.FromMilliseconds(100)),
            cancellationToken: cancellationToken);
    }

    /// <summary>Compose command plus the listen arguments, with container paths mapped to this run's files.</summary>
    private List<string> PrepareArguments(LocalServicePlan plan, string directory)
    {
        var mapped = new List<(string Container, string Local)>();
        foreach (var mount in plan.Service.Volumes)
        {
            var local = Path.Combine(directory, mount.Target.Trim('/').Replace('/', '_'));
            if (mount.IsBind)
            {
                var source = Path.GetFullPath(Path.Combine(_compose.Directory, mount.Source));
                CopyRewritten(source, local);
            }
            else Directory.CreateDirectory(local);
            mapped.Add((mount.Target, local));
        }
        // Longest container path first, so /etc/x/y.yml wins over /etc/x.
        var ordered = mapped.OrderByDescending(m => m.Container.Length).ToList();
        var arguments = plan.Service.Command.Select(argument =>
        {
            foreach (var (container, local) in ordered)
                if (argument.Contains(container, StringComparison.Ordinal))
                    return argument.Replace(container, local, StringComparison.Ordinal);
            return argument;
        }).ToList();
        arguments.AddRange(plan.Definition.Local!.ListenArguments(plan.Address));
        return arguments;
    }

    /// <summary>Copies a mounted file or folder, rewriting every compose service host name to its loopback address.</summary>
    private void CopyRewritten(string source, string destination)
    {
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(destination);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
                CopyRewritten(entry, Path.Combine(destination, Path.GetFileName(entry)));
            return;
        }
        if (!File.Exists(source)) throw new IOException($"mounted config {source} does not exist");
        File.WriteAllText(destination, RewriteHosts(File.ReadAllText(source)));
    }

    /// <summary>"prometheus:9090" becomes "127.0.0.10:9090"; host names stand before a port.</summary>
    public string RewriteHosts(string text)
    {
        foreach (var service in _compose.Services)
            text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(service.Name)}(?=:\d)", AddressOf(service.Name));
        return text;
    }

    private static LocalServicePlan Plan(ComposeService service, string address)
    {
        var definition = ServiceCatalog.Get(service.Name);
        var ports = service.Ports.Select(p => p.ContainerPort).Distinct().ToList();
        if (definition.Local is null)
            return new LocalServicePlan(service, definition, address, ports, null, $"no local command is known for {service.Name}");
        var binary = definition.Local.Binaries.Select(BinaryLocator.Find).FirstOrDefault(b => b is not null);
        return binary is null
            ? new LocalServicePlan(service, definition, address, ports, null,
                $"binary {string.Join(" or ", definition.Local.Binaries.Select(b => $"'{b}'"))} not found on PATH or in STACKTESTS_BIN_DIR")
            : new LocalServicePlan(service, definition, address, ports, binary, null);
    }

    private static bool IsFree(string address, int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(address), port);
            listener.Start();
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static async Task<bool> CanConnectAsync(string address, int port, CancellationToken token)
    {
        using var client = new TcpClient();
        try { await client.ConnectAsync(address, port, token); return true; }
        catch (SocketException) { return false; }
    }

    public async ValueTask DisposeAsync()
    {
        List<ServiceProcess> processes;
        lock (_running) { processes = [.. _running.Values]; _running.Clear(); }
        await Task.WhenAll(processes.Select(async p =>
        {
            await p.StopAsync(StopGrace);
            _reaper?.Untrack(p.Id);
            await p.DisposeAsync();
        }));
        _reaper?.Dispose();
        _reaper = null;
    }

    private sealed record LocalServicePlan(
        ComposeService Service, ServiceDefinition Definition, string Address, IReadOnlyList<int> Ports, string? Binary, string? Unavailable);
}
