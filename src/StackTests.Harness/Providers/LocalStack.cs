using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// The stack as child processes of this host. Each service gets its own loopback address
/// (127.0.0.N) and listens there on the container ports compose.yaml gives it, so configs that
/// say "loki:3100" work once the host name is rewritten to that address. Services start in
/// parallel, each once the services it depends_on are ready. Every child is ended on dispose,
/// and by the ProcessReaper when this process dies without disposing.
/// </summary>
public sealed class LocalStack : IStack
{
    private readonly ComposeFile _compose;
    private readonly string _loopback;
    private readonly string _runDirectory;
    private readonly Dictionary<string, LocalService> _services;
    private readonly LocalServiceFiles _files;
    private ProcessReaper? _reaper;
    private bool _started;

    public string Provider => "local";

    /// <param name="loopback">
    /// the first three parts of the services' addresses: STACKTESTS_LOOPBACK, else "127.0.0"; two
    /// runs on one host need different ones, since each service keeps compose's ports
    /// </param>
    public LocalStack(ComposeFile compose, IEnumerable<string> profiles, string runDirectory, string? loopback = null)
    {
        _loopback = loopback ?? SuiteSettings.Current.Loopback;
        if (!System.Text.RegularExpressions.Regex.IsMatch(_loopback, @"^127\.\d{1,3}\.\d{1,3}$"))
            throw new ArgumentException($"STACKTESTS_LOOPBACK '{_loopback}' must look like 127.X.Y (the services get 127.X.Y.10 and up)");
        _compose = compose;
        _runDirectory = runDirectory;
        _files = new LocalServiceFiles(compose, AddressOf);
        _services = compose.ServicesFor(profiles).ToDictionary(s => s.Name, s => new LocalService(s, AddressOf(s.Name)));
        foreach (var service in _services.Values) MarkBrokenDependencies(service, []);
    }

    /// <summary>Time from the start of StartAsync until every service was ready.</summary>
    public TimeSpan? StartedIn { get; private set; }

    /// <summary>Each started service's own time from its process start to its first ready answer.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ReadyAfter =>
        _services.Values.Where(s => s.ReadyAfter is not null).ToDictionary(s => s.Name, s => s.ReadyAfter!.Value);

    /// <summary>The pids of the running service processes.</summary>
    public IReadOnlyList<int> ProcessIds => _services.Values.Select(s => s.Process).OfType<ServiceProcess>().Select(p => p.Id).ToList();

    /// <summary>The pid of a running service's process (it leads its own process group), or null.</summary>
    public int? ProcessIdOf(string service) => _services.GetValueOrDefault(service)?.Process?.Id;

    public IReadOnlyList<string> RunningServices =>
        _services.Values.Where(s => s.IsRunning).Select(s => s.Name).Order().ToList();

    private IEnumerable<LocalService> Startable => _services.Values.Where(s => s.Unavailable is null);

    /// <summary>
    /// The binary a service runs from: the local provider runs Debian's packages (bookworm's in /usr,
    /// or sid's newer builds in the checkout's .tools/sid), or what STACKTESTS_BIN_DIR holds.
    /// </summary>
    public string? Origin(string service) =>
        _services.GetValueOrDefault(service)?.Binary is { } binary ? DescribeBinary(binary, SuiteSettings.Current) : null;

    public static string DescribeBinary(string binary, SuiteSettings settings) =>
        settings.BinDirectory is { } bin && binary.StartsWith(Path.GetFullPath(bin) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? $"local process {binary} (from STACKTESTS_BIN_DIR)"
            : binary.Contains($"{Path.DirectorySeparatorChar}.tools{Path.DirectorySeparatorChar}sid{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? $"local process {binary} (Debian sid package, standing in for compose's image)"
                : binary.StartsWith("/usr/", StringComparison.Ordinal) || binary.StartsWith("/sbin/", StringComparison.Ordinal)
                    ? $"local process {binary} (Debian package, standing in for compose's image)"
                    : $"local process {binary}";

    public bool IsAvailable(string service) => _started && _services.TryGetValue(service, out var s) && s.Unavailable is null;

    public string? Unavailable(string service) =>
        !_services.TryGetValue(service, out var s) ? $"not in the chosen profiles of {_compose.Path}"
        : s.Unavailable is { } reason ? reason
        : _started ? null
        : "the local stack is not started";

    public Uri Endpoint(string service, string port) =>
        IsAvailable(service)
            ? _services[service].Endpoint(port)
            : throw new InvalidOperationException($"{service} is not available from the local stack: {Unavailable(service)}");

    public ServiceCredentials? Credentials(string service) => ServiceCredentials.FromCompose(_compose.Service(service));

    /// <summary>127.0.0.N (or the chosen loopback block), N fixed by the service's place in compose.yaml.</summary>
    public string AddressOf(string service)
    {
        var index = _compose.Services.Select(s => s.Name).ToList().IndexOf(service);
        if (index < 0) throw new KeyNotFoundException($"{_compose.Path}: no service '{service}'");
        return $"{_loopback}.{10 + index}";
    }

    /// <summary>Rewrites compose host names to loopback addresses, as in the configs a service gets.</summary>
    public string RewriteHosts(string text, string? ownService = null) =>
        _files.RewriteHosts(text, ownService is null ? "0.0.0.0" : AddressOf(ownService));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(_runDirectory);
        var startable = Startable.ToList();
        var busy = startable.SelectMany(s => s.Listeners.Where(l => !IsFree(l.Address, l.Port))
            .Select(l => $"  {s.Name}: port {l.Address}:{l.Port} is already in use (another run or program holds it; stop it)")).ToList();
        if (busy.Count > 0)
            throw new StackStartException("Cannot start the local stack:\n" + string.Join("\n", busy));

        var problems = new List<string>();
        foreach (var service in startable)
        {
            try { service.Prepare(_files.Prepare(service, Path.Combine(_runDirectory, service.Name))); }
            catch (Exception e) when (e is StackStartException or IOException or UnauthorizedAccessException)
            { problems.Add($"  {service.Name}: {e.Message}"); }
        }
        if (problems.Count > 0)
            throw new StackStartException("Cannot start the local stack:\n" + string.Join("\n", problems));

        _reaper ??= new ProcessReaper(_runDirectory);
        var failures = await DependencyOrder.StartAllAsync(
            startable.Select(s => s.Name).ToList(),
            service => _services[service].Service.DependsOn,
            service => _services[service].StartAsync(_runDirectory, _reaper!, cancellationToken));
        if (failures.Count > 0)
        {
            await DisposeAsync();
            throw new StackStartException("Cannot start the local stack:\n" + string.Join("\n", failures.Select(f => "  " + f)));
        }
        _started = true;
        StartedIn = clock.Elapsed;
    }

    public bool CanControlServices => true;

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) => Supplied(service).StopAsync(_reaper);

    public async Task StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        var local = Supplied(service);
        if (local.IsRunning) return;
        foreach (var (address, port) in local.Listeners.Where(l => !IsFree(l.Address, l.Port)))
            throw new StackStartException($"{service}: port {address}:{port} is still in use; cannot start it again");
        await local.StartAsync(_runDirectory, _reaper!, cancellationToken);
    }

    public async Task RestartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await StopServiceAsync(service, cancellationToken);
        await StartServiceAsync(service, cancellationToken);
    }

    public string? LogFile(string service) =>
        _services.TryGetValue(service, out var s) && s.Unavailable is null ? s.LogFilePath(_runDirectory) : null;

    public async Task<IReadOnlyList<string>> LogsAsync(string service, int lines, CancellationToken cancellationToken)
    {
        if (LogFile(service) is not { } path || !File.Exists(path)) return [];
        var last = new Queue<string>();
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            last.Enqueue($"{service}: {line}");
            if (last.Count > lines) last.Dequeue();
        }
        return [.. last];
    }

    private LocalService Supplied(string service) =>
        IsAvailable(service) ? _services[service]
        : throw new InvalidOperationException($"{service} is not available from the local stack: {Unavailable(service)}");

    // A service whose dependency cannot run cannot run either: compose would not start it.
    private void MarkBrokenDependencies(LocalService service, HashSet<string> visiting)
    {
        if (!visiting.Add(service.Name))
            throw new ComposeFormatException(_compose.Path, service.Service.Line, $"depends_on cycle through {string.Join(" -> ", visiting)}");
        foreach (var dependency in service.Service.DependsOn)
        {
            if (!_services.TryGetValue(dependency, out var other))
            {
                service.MarkUnavailable($"depends on {dependency}, which is not in the chosen profiles");
                continue;
            }
            MarkBrokenDependencies(other, visiting);
            if (other.Unavailable is { } reason) service.MarkUnavailable($"depends on {dependency}, which is unavailable: {reason}");
        }
        visiting.Remove(service.Name);
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

    public async ValueTask DisposeAsync()
    {
        _started = false;
        await Task.WhenAll(_services.Values.Select(s => s.StopAsync(_reaper)));
        _reaper?.Dispose();
        _reaper = null;
    }
}
