using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// The stack as `docker compose` runs it, in a project of its own (stacktests-&lt;run id&gt;), with
/// an override file (ComposeOverride: ephemeral host ports, substituted images, the run's labels):
/// up --wait of the services whose images the engine has or can pull, endpoints from
/// `docker compose port`, logs, stop/start/restart, and down -v at the end.
/// </summary>
public sealed class DockerComposeStack : IStack
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
    private readonly Dictionary<string, string> _unavailable = [];
    private readonly Dictionary<string, TimeSpan> _readyAfter = [];
    private readonly List<string> _notes = [];
    private IReadOnlyDictionary<string, string> _origins = new Dictionary<string, string>();
    private readonly string _runId;
    private readonly Dictionary<string, DateTimeOffset> _probedAt = [];
    private bool _up;


    public DockerComposeStack(ComposeFile compose, IReadOnlyList<string> profiles, string runId, string runDirectory, DockerCli? docker = null)
    {
        _docker = docker ?? new DockerCli();
        _compose = compose;
        _services = compose.ServicesFor(profiles);
        _runDirectory = runDirectory;
        _runId = runId;
        OverrideFile = Path.Combine(runDirectory, "compose.override.yaml");
        Commands = new ComposeCommands(ComposeCommands.ProjectFor(runId), Path.GetFullPath(compose.Path), profiles, OverrideFile);
    }

    /// <summary>Where the override file is written at start.</summary>
    public string OverrideFile { get; }

    /// <summary>Each started service's time from its container's start until its healthcheck or probe first passed.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ReadyAfter => _readyAfter;

    public IReadOnlyList<string> Notes => _notes;

    public string? Origin(string service) => _origins.GetValueOrDefault(service);

    public ComposeCommands Commands { get; }

    public string Provider => "compose";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = await _docker.RunAsync(ComposeCommands.EngineVersion(), EngineBound, cancellationToken);
        if (!engine.Succeeded)
            throw new StackStartException($"compose stack: the Docker engine does not answer ({engine.FirstErrorLine}); start Docker, or use --stack local");
        Directory.CreateDirectory(_runDirectory);
        if (DockerProbe.Unavailable is { } noEngine) throw new StackStartException($"compose stack: {noEngine}");
        _notes.AddRange(await DockerResources.RemoveOrphansAsync(cancellationToken));
        await CheckImagesAsync(cancellationToken);
        var startable = _services.Where(s => !_unavailable.ContainsKey(s.Name)).ToList();
        await File.WriteAllTextAsync(OverrideFile, ComposeOverride.For(startable,
            startable.SelectMany(s => s.Volumes).Where(v => !v.IsBind && v.Source.Length > 0).Select(v => v.Source).Distinct().ToList(),
            DockerResources.Labels(_runId), ImageReference.Resolve), cancellationToken);
        _up = true; // from here on, dispose must run down -v whatever happens
        if (startable.Count == 0) return;
        var up = await _docker.RunAsync(Commands.Up(UpBound, startable.Select(s => s.Name)), UpBound + TimeSpan.FromSeconds(30), cancellationToken);
        if (!up.Succeeded)
        {
            var diagnosis = await StackDiagnostics.RecentLogsAsync(this, _services.Select(s => s.Name), 20, cancellationToken);
            await DisposeAsync();
            throw new StackStartException($"docker {string.Join(' ', Commands.Up(UpBound, startable.Select(s => s.Name)))} failed (exit {up.ExitCode}):\n{up.Error.Trim()}\n{diagnosis}");
        }
        await ResolveEndpointsAsync(cancellationToken);
        await RefreshRunningAsync(cancellationToken);
        await WaitReadyAsync(cancellationToken);
        await MeasureReadinessAsync(cancellationToken);
    }

    // Images present or pullable, else the service (and what depends on it) is left out with the reason.
    private async Task CheckImagesAsync(CancellationToken cancellationToken)
    {
        var images = await ImageCheck.RunAsync(_services, cancellationToken);
        foreach (var (service, why) in images.Unavailable) _unavailable[service] = why;
        _notes.AddRange(images.Notes);
        _origins = images.Origins;
    }

    // From the engine's own record: a container's start, and the end of its first passing
    // healthcheck (or, without one, when the probe above first answered).
    private async Task MeasureReadinessAsync(CancellationToken cancellationToken)
    {
        using var client = DockerResources.Client();
        var filter = new Dictionary<string, IDictionary<string, bool>>
            { ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={Commands.Project}"] = true } };
        var containers = await client.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters { All = true, Filters = filter }, cancellationToken);
        foreach (var container in containers)
        {
            var inspected = await client.Containers.InspectContainerAsync(container.ID, cancellationToken);
            var service = inspected.Config?.Labels is { } labels && labels.TryGetValue("com.docker.compose.service", out var name) ? name : null;
            if (service is null || !DateTimeOffset.TryParse(inspected.State?.StartedAt, out var started)) continue;
            var healthy = inspected.State!.Health?.Log?.Where(l => l.ExitCode == 0).Select(l => (DateTimeOffset?)new DateTimeOffset(l.End.ToUniversalTime())).Min();
            DateTimeOffset? probed = _probedAt.TryGetValue(service, out var at) ? at : null;
            if ((healthy ?? probed) is { } ready) _readyAfter[service] = ready - started;
        }
    }

    // up --wait knows only compose healthchecks; services without one (Loki, Tempo, the
    // collector) are polled on compose's probe (x-stacktests.ready) through their published port.
    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var waits = _services
            .Where(s => s.Healthcheck is null && s.Readiness is not null && _endpoints.ContainsKey((s.Name, s.Readiness.Port)))
            .Select(async s =>
            {
                var url = _endpoints[(s.Name, s.Readiness!.Port)];
                try
                {
                    await ReadinessWait.UntilReadyAsync(s.Name, s.Readiness, url.Host, url.Port, null, cancellationToken);
                    lock (_probedAt) _probedAt[s.Name] = DateTimeOffset.UtcNow;
                    return null;
                }
                catch (EventuallyTimeoutException e) { return $"  {s.Name}: {e.Message}"; }
            });
        var failures = (await Task.WhenAll(waits)).OfType<string>().ToList();
        if (failures.Count == 0) return;
        var diagnosis = await StackDiagnostics.RecentLogsAsync(this, _services.Select(s => s.Name), 20, cancellationToken);
        await DisposeAsync();
        throw new StackStartException("The compose stack came up, but not every service became ready:\n" + string.Join("\n", failures) + "\n" + diagnosis);
    }

    // Every published port of every service, asked of compose in parallel.
    // A started again container gets new ephemeral host ports: only that service is asked again.
    private async Task ResolveEndpointsAsync(CancellationToken cancellationToken, string? only = null)
    {
        var ports = _services.Where(s => only is null || s.Name == only)
            .SelectMany(s => s.Ports.Select(p => (Service: s.Name, Port: p.ContainerPort))).Distinct().ToList();
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

    public bool IsAvailable(string service) => _up && _services.Any(s => s.Name == service) && !_unavailable.ContainsKey(service);

    public string? Unavailable(string service) =>
        _services.All(s => s.Name != service) ? $"not in the chosen profiles of {_compose.Path}"
        : _unavailable.TryGetValue(service, out var why) ? why
        : _up ? null : "the compose stack is not started";

    public Uri Endpoint(string service, string port)
    {
        var containerPort = _compose.Service(service).Port(port);
        lock (_endpoints)
            return _endpoints.TryGetValue((service, containerPort), out var url)
                ? url
                : throw new InvalidOperationException(
                    $"{service} port {port} ({containerPort}) has no published port in the compose stack ({Unavailable(service) ?? $"compose.yaml publishes no {containerPort} for it"})");
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
        await ResolveEndpointsAsync(cancellationToken, service);
    }

    public async Task RestartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await ControlAsync(Commands.Restart(service), service, cancellationToken);
        await ControlAsync(Commands.Wait(service), service, cancellationToken);
        await ResolveEndpointsAsync(cancellationToken, service);
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
