using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// The stack as `docker compose` runs it, in a project of its own (stacktests-&lt;run id&gt;):
/// up --wait, endpoints from `docker compose port`, logs, stop/start/restart, and down -v at the end.
/// </summary>
public sealed class ComposeStack : IStack
{
    private static readonly TimeSpan EngineBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan UpBound = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandBound = TimeSpan.FromSeconds(60);

    private readonly ComposeFile _compose;
    private readonly DockerCli _docker;
    private readonly IReadOnlyList<ComposeService> _services;
    private readonly string _runDirectory;
    private readonly Dictionary<(string Service, int Port), Uri> _endpoints = [];
    private HashSet<string> _running = [];
    private bool _up;

    public ComposeStack(ComposeFile compose, IReadOnlyList<string> profiles, string runId, string runDirectory, DockerCli? docker = null)
    {
        _docker = docker ?? new DockerCli();
        _compose = compose;
        _services = compose.ServicesFor(profiles);
        _runDirectory = runDirectory;
        Commands = new ComposeCommands(ComposeCommands.ProjectFor(runId), Path.GetFullPath(compose.Path), profiles);
    }

    public ComposeCommands Commands { get; }

    public string Provider => "compose";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = await _docker.RunAsync(ComposeCommands.EngineVersion(), EngineBound, cancellationToken);
        if (!engine.Succeeded)
            throw new StackStartException($"compose stack: the Docker engine does not answer ({engine.FirstErrorLine}); start Docker, or use --stack local");
        Directory.CreateDirectory(_runDirectory);
        _up = true; // from here on, dispose must run down -v whatever happens
        var up = await _docker.RunAsync(Commands.Up(UpBound), UpBound + TimeSpan.FromSeconds(30), cancellationToken);
        if (!up.Succeeded)
        {
            var diagnosis = await StackDiagnostics.RecentLogsAsync(this, _services.Select(s => s.Name), 20, cancellationToken);
            await DisposeAsync();
            throw new StackStartException($"docker {string.Join(' ', Commands.Up(UpBound))} failed (exit {up.ExitCode}):\n{up.Error.Trim()}\n{diagnosis}");
        }
        await ResolveEndpointsAsync(cancellationToken);
        await RefreshRunningAsync(cancellationToken);
        await WaitReadyAsync(cancellationToken);
    }

    // up --wait knows only compose healthchecks; services without one (Loki, Tempo, the
    // collector) are polled on the catalog's probe through their published port.
    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var waits = _services
            .Where(s => s.Healthcheck is null && ServiceCatalog.Get(s.Name).Readiness is not null)
            .Select(s => (Service: s.Name, Definition: ServiceCatalog.Get(s.Name)))
            .Where(s => _endpoints.ContainsKey((s.Service, s.Definition.Readiness!.Port)))
            .Select(async s =>
            {
                var url = _endpoints[(s.Service, s.Definition.Readiness!.Port)];
                try
                {
                    await ReadinessWait.UntilReadyAsync(s.Service, s.Definition.Readiness!, url.Host, url.Port,
                        s.Definition.ReadinessTimeout, null, cancellationToken);
                    return null;
                }
                catch (EventuallyTimeoutException e) { return $"  {s.Service}: {e.Message}"; }
            });
        var failures = (await Task.WhenAll(waits)).OfType<string>().ToList();
        if (failures.Count == 0) return;
        var diagnosis = await StackDiagnostics.RecentLogsAsync(this, _services.Select(s => s.Name), 20, cancellationToken);
        await DisposeAsync();
        throw new StackStartException("The compose stack came up, but not every service became ready:\n" + string.Join("\n", failures) + "\n" + diagnosis);
    }

    // Every published port of every service, asked of compose in parallel.
    private async Task ResolveEndpointsAsync(CancellationToken cancellationToken)
    {
        var ports = _services.SelectMany(s => s.Ports.Select(p => (Service: s.Name, Port: p.ContainerPort))).Distinct().ToList();
        var answers = await Task.WhenAll(ports.Select(async p =>
            (p, await _docker.RunAsync(Commands.Port(p.Service, p.Port), CommandBound, cancellationToken))));
        lock (_endpoints)
            foreach (var (key, answer) in answers)
                if (answer.Succeeded && ParsePortAnswer(answer.Output) is { } url)
                    _endpoints[key] = url;
    }

    /// <summary>"127.0.0.1:9090" (or "0.0.0.0:9090", "[::]:9090") as a URL a client can use.</summary>
    public static Uri? ParsePortAnswer(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (line is null) return null;
        var colon = line.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(line[(colon + 1)..], out var port)) return null;
        var host = line[..colon];
        if (host is "0.0.0.0" or "[::]" or "::" or "") host = "127.0.0.1";
        return new Uri($"http://{host}:{port}");
    }

    private async Task RefreshRunningAsync(CancellationToken cancellationToken)
    {
        var ps = await _docker.RunAsync(Commands.RunningServices(), CommandBound, cancellationToken);
        _running = ps.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
    }

    public bool IsAvailable(string service) => _up && _services.Any(s => s.Name == service);

    public string? Unavailable(string service) =>
        _services.All(s => s.Name != service) ? $"not in the chosen profiles of {_compose.Path}"
        : _up ? null : "the compose stack is not started";

    public Uri Endpoint(string service, int containerPort)
    {
        lock (_endpoints)
            return _endpoints.TryGetValue((service, containerPort), out var url)
                ? url
                : throw new InvalidOperationException(
                    $"{service} port {containerPort} has no published port in the compose stack ({Unavailable(service) ?? $"compose.yaml publishes no {containerPort} for it"})");
    }

    public IReadOnlyList<string> RunningServices => _running.Order().ToList();

    public ServiceCredentials? Credentials(string service) => ServiceCredentials.FromCompose(_compose.Service(service));

    public async Task<IReadOnlyList<string>> LogsAsync(string service, int lines, CancellationToken cancellationToken)
    {
        var logs = await _docker.RunAsync(Commands.Logs(service, lines), CommandBound, cancellationToken);
        var text = logs.Succeeded ? logs.Output : logs.Error;
        await File.WriteAllTextAsync(LogFilePath(service), text, cancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"{service}: {l.TrimEnd('\r')}").ToList();
    }

    /// <summary>The last logs fetched of a service (compose keeps the full log in the engine).</summary>
    public string? LogFile(string service) => IsAvailable(service) ? LogFilePath(service) : null;

    private string LogFilePath(string service) => Path.Combine(_runDirectory, $"{service}.log");

    public bool CanControlServices => true;

    public Task StopServiceAsync(string service, CancellationToken cancellationToken) =>
        ControlAsync(Commands.Stop(service), service, cancellationToken);

    public async Task StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await ControlAsync(Commands.Start(service), service, cancellationToken);
        await ControlAsync(Commands.Wait(service), service, cancellationToken);
    }

    public async Task RestartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await ControlAsync(Commands.Restart(service), service, cancellationToken);
        await ControlAsync(Commands.Wait(service), service, cancellationToken);
    }

    private async Task ControlAsync(IReadOnlyList<string> arguments, string service, CancellationToken cancellationToken)
    {
        if (!IsAvailable(service)) throw new InvalidOperationException($"{service} is not available from the compose stack: {Unavailable(service)}");
        var result = await _docker.RunAsync(arguments, UpBound, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed for {service} (exit {result.ExitCode}): {result.Error.Trim()}");
        await RefreshRunningAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_up) return;
        _up = false;
        // Teardown must not hang the run, nor hide the failure that led here.
        try { await _docker.RunAsync(Commands.Down(), TimeSpan.FromMinutes(2), CancellationToken.None); }
        catch (Exception e) when (e is TimeoutException or StackStartException) { Console.Error.WriteLine($"compose stack: {e.Message}"); }
    }
}
