using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using DotNet.Testcontainers.Volumes;
using StackTests.Compose;
using Microsoft.Extensions.Logging.Abstractions;

namespace StackTests.Harness.Providers;

/// <summary>
/// The stack as containers made with Testcontainers: one network, each compose service a container
/// reachable by its service name, its config bind mounts from compose.yaml, random host ports, and
/// compose's readiness probe (x-stacktests.ready) as wait strategy. Services start in parallel, each once what it
/// depends_on is ready. Logs are saved to the run folder.
/// </summary>
public sealed class TestcontainersStack : IStack
{
    private readonly ComposeFile _compose;
    private readonly string _runId;
    private readonly string _runDirectory;
    private readonly Dictionary<string, ContainerPlan> _plans;
    private readonly Dictionary<string, IContainer> _containers = [];
    private readonly HashSet<string> _stopped = [];
    private INetwork? _network;
    private readonly Dictionary<string, IVolume> _volumes = [];
    private readonly Dictionary<string, TimeSpan> _readyAfter = [];
    private readonly List<string> _notes = [];
    private IReadOnlyDictionary<string, string> _origins = new Dictionary<string, string>();


    public TestcontainersStack(ComposeFile compose, IEnumerable<string> profiles, string runId, string runDirectory)
    {
        _compose = compose;
        _runId = runId;
        _runDirectory = runDirectory;
        _plans = ContainerPlan.For(compose, profiles, runId).ToDictionary(p => p.Service);
    }

    public string Provider => "testcontainers";

    public IReadOnlyCollection<ContainerPlan> Plans => _plans.Values;

    /// <summary>Each started service's time from its container's creation until its probe answered.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ReadyAfter => _readyAfter;

    public IReadOnlyList<string> Notes => _notes;

    public string? Origin(string service) => _origins.GetValueOrDefault(service);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (DockerProbe.Unavailable is { } reason) throw new StackStartException($"testcontainers stack: {reason}");
        // Ports are published on 127.0.0.1: a local engine's containers are reached there (Testcontainers'
        // own guess, the default gateway when it thinks it runs in a container, is not bound).
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig?.Endpoint.Scheme == "unix" && TestcontainersSettings.DockerHostOverride is null)
            TestcontainersSettings.DockerHostOverride = "127.0.0.1";
        Directory.CreateDirectory(_runDirectory);
        _notes.AddRange(await DockerResources.RemoveOrphansAsync(cancellationToken));
        await CheckImagesAsync(cancellationToken);

        var project = ComposeCommands.ProjectFor(_runId);
        var labels = DockerResources.Labels(_runId);
        try
        {
            _network = new NetworkBuilder().WithLogger(NullLogger.Instance).WithName(project).WithLabel(labels).Build();
            await _network.CreateAsync(cancellationToken);
            var startable = _plans.Values.Where(p => p.Unavailable is null).ToList();
            foreach (var name in startable.SelectMany(p => p.Volumes).Select(v => v.Name).Distinct())
            {
                var volume = new VolumeBuilder().WithLogger(NullLogger.Instance).WithName(name).WithLabel(labels).Build();
                _volumes[name] = volume;
                await volume.CreateAsync(cancellationToken);
            }
            foreach (var plan in startable) _containers[plan.Service] = Build(plan, _network, project, labels);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await DisposeAsync();
            throw new StackStartException($"Cannot create the testcontainers stack's network and volumes: {e.Message}{RyukHint()}");
        }

        var failures = await DependencyOrder.StartAllAsync(_containers.Keys.ToList(), service => _plans[service].DependsOn, StartContainerAsync);
        if (failures.Count > 0)
        {
            await DisposeAsync();
            throw new StackStartException("Cannot start the testcontainers stack:\n" + string.Join("\n", failures.Select(f => "  " + f)));
        }

        async Task StartContainerAsync(string service)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try { await _containers[service].StartAsync(cancellationToken); }
            catch (Exception e)
            {
                throw new StackStartException($"{service} ({_plans[service].Image}): {e.Message}{RyukHint()}\n    " +
                                              string.Join("\n    ", await TryLogsAsync(service, 20)));
            }
            lock (_readyAfter) _readyAfter[service] = clock.Elapsed;
        }
    }

    // The images' verdicts and notes (ImageCheck), kept on the plans.
    private async Task CheckImagesAsync(CancellationToken cancellationToken)
    {
        var images = await ImageCheck.RunAsync(_compose.Services.Where(s => _plans.ContainsKey(s.Name)).ToList(), cancellationToken);
        foreach (var (service, why) in images.Unavailable) _plans[service] = _plans[service] with { Unavailable = why };
        _notes.AddRange(images.Notes);
        _origins = images.Origins;
    }

    /// <summary>
    /// Testcontainers starts its reaper Ryuk before the first resource, and reports a failed pull of
    /// Ryuk's image against whatever it was creating: name Ryuk where that may be the cause.
    /// </summary>
    private static string RyukHint() =>
        !TestcontainersSettings.ResourceReaperEnabled ? ""
        : $"\n    (Testcontainers' resource reaper Ryuk is enabled: if its image {TestcontainersSettings.ResourceReaperImage?.FullName} " +
          "cannot be pulled here, that is the failure above; set TESTCONTAINERS_RYUK_DISABLED=true: every resource of a run is " +
          "labelled with its run id and owner, and a later run removes what a dead one left)";

    private IContainer Build(ContainerPlan plan, INetwork network, string project, IReadOnlyDictionary<string, string> labels)
    {
        // The stack reports what it starts and why it fails; Testcontainers' own console lines would
        // interleave with the scenarios' and the canary's output.
        var builder = new ContainerBuilder(plan.Image)
            .WithLogger(NullLogger.Instance)
            .WithName($"{project}-{plan.Service}")
            .WithNetwork(network)
            .WithNetworkAliases(plan.NetworkAlias)
            .WithEnvironment(plan.Environment)
            .WithLabel(labels)
            // The labels compose gives its containers, which Alloy turns into compose_project and compose_service.
            .WithLabel("com.docker.compose.project", project)
            .WithLabel("com.docker.compose.service", plan.Service);

        if (plan.Entrypoint is { } entrypoint) builder = builder.WithEntrypoint([.. entrypoint]);
        if (plan.Command.Count > 0) builder = builder.WithCommand([.. plan.Command]);
        foreach (var bind in plan.Binds)
            builder = builder.WithBindMount(bind.HostPath, bind.ContainerPath, bind.ReadOnly ? AccessMode.ReadOnly : AccessMode.ReadWrite);
        foreach (var volume in plan.Volumes)
            builder = builder.WithVolumeMount(_volumes[volume.Name], volume.ContainerPath, volume.ReadOnly ? AccessMode.ReadOnly : AccessMode.ReadWrite);
        foreach (var port in plan.ExposedPorts) builder = builder.WithPortBinding(port, assignRandomHostPort: true);
        // Published on the host's loopback only, as compose.yaml publishes every port (Docker's default is 0.0.0.0).
        builder = builder.WithCreateParameterModifier(parameters =>
        {
            foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b) ?? []) binding.HostIP = "127.0.0.1";
        });
        if (WaitFor(plan) is { } wait) builder = builder.WithWaitStrategy(wait);
        return builder.Build();
    }

    /// <summary>
    /// Compose's probe (x-stacktests.ready) as a wait strategy: an HTTP GET answering 200, or the TCP port accepting
    /// inside the container (the host port of Docker's proxy accepts before the service does).
    /// </summary>
    public static IWaitForContainerOS? WaitFor(ContainerPlan plan) => plan.Readiness switch
    {
        null => null,
        { Path: null } tcp => Wait.ForUnixContainer().UntilInternalTcpPortIsAvailable(tcp.Port, w => w.WithTimeout(tcp.Timeout)),
        var http => Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(
            r => r.ForPort((ushort)http.Port).ForPath(http.Path!), w => w.WithTimeout(http.Timeout)),
    };

    public bool IsAvailable(string service) => _containers.ContainsKey(service);

    public string? Unavailable(string service) =>
        !_plans.TryGetValue(service, out var plan) ? $"not in the chosen profiles of {_compose.Path}"
        : plan.Unavailable ?? (IsAvailable(service) ? null : "the testcontainers stack is not started");

    public Uri Endpoint(string service, string port) =>
        _containers.TryGetValue(service, out var container)
            ? new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(_compose.Service(service).Port(port))}")
            : throw new InvalidOperationException($"{service} is not available from the testcontainers stack: {Unavailable(service)}");

    public IReadOnlyList<string> RunningServices
    {
        get { lock (_stopped) return _containers.Keys.Where(s => !_stopped.Contains(s)).Order().ToList(); }
    }

    public ServiceCredentials? Credentials(string service) => ServiceCredentials.FromCompose(_compose.Service(service));

    public async Task<IReadOnlyList<string>> LogsAsync(string service, int lines, CancellationToken cancellationToken)
    {
        if (!_containers.TryGetValue(service, out var container)) return [];
        var (stdout, stderr) = await container.GetLogsAsync(ct: cancellationToken);
        await File.WriteAllTextAsync(LogFilePath(service), stdout + stderr, cancellationToken);
        return (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(lines).Select(l => $"{service}: {l.TrimEnd('\r')}").ToList();
    }

    private async Task<IReadOnlyList<string>> TryLogsAsync(string service, int lines)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { return await LogsAsync(service, lines, bound.Token); }
        catch (Exception e) { return [$"{service}: (logs could not be read: {e.Message})"]; }
    }

    /// <summary>The container's log as last saved (on LogsAsync and at dispose).</summary>
    public string? LogFile(string service) => IsAvailable(service) ? LogFilePath(service) : null;

    private string LogFilePath(string service) => Path.Combine(_runDirectory, $"{service}.log");

    public bool CanControlServices => true;

    public async Task StopServiceAsync(string service, CancellationToken cancellationToken)
    {
        await Container(service).StopAsync(cancellationToken);
        lock (_stopped) _stopped.Add(service);
    }

    /// <summary>Starts it again; the wait strategy runs again, and its host ports may change (Endpoint asks anew).</summary>
    public async Task StartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await Container(service).StartAsync(cancellationToken);
        lock (_stopped) _stopped.Remove(service);
    }

    public async Task RestartServiceAsync(string service, CancellationToken cancellationToken)
    {
        await StopServiceAsync(service, cancellationToken);
        await StartServiceAsync(service, cancellationToken);
    }

    private IContainer Container(string service) =>
        _containers.TryGetValue(service, out var container)
            ? container
            : throw new InvalidOperationException($"{service} is not available from the testcontainers stack: {Unavailable(service)}");

    public async ValueTask DisposeAsync()
    {
        var containers = _containers.ToList();
        _containers.Clear();
        await Task.WhenAll(containers.Select(async c =>
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var (stdout, stderr) = await c.Value.GetLogsAsync(ct: bound.Token);
                await File.WriteAllTextAsync(LogFilePath(c.Key), stdout + stderr, Encoding.UTF8, CancellationToken.None);
            }
            catch (Exception) { /* the container may never have been created */ }
            await c.Value.DisposeAsync();
        }));
        foreach (var volume in _volumes.Values) await volume.DisposeAsync();
        _volumes.Clear();
        if (_network is not null) await _network.DisposeAsync();
        _network = null;
    }
}
