namespace StackTests.Compose;

/// <summary>
/// One service of a compose file. Line is where the service is declared (1-based). Entrypoint is
/// null when compose keeps the image's; BuildContext is set when compose builds the image. Expose
/// holds the container ports `expose:` declares; Extension what its `x-stacktests:` field says.
/// </summary>
public sealed record ComposeService(
    string Name,
    int Line,
    string? Image,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<string> Command,
    IReadOnlyList<string>? Entrypoint,
    string? BuildContext,
    IReadOnlyList<PortBinding> Ports,
    IReadOnlyList<VolumeMount> Volumes,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string>? Healthcheck,
    IReadOnlyList<int> Expose,
    ServiceExtension Extension)
{
    /// <summary>The container ports the service declares, published (ports:) or not (expose:).</summary>
    public IReadOnlyList<int> ContainerPorts => Ports.Select(p => p.ContainerPort).Concat(Expose).Distinct().ToList();

    /// <summary>The named ports of x-stacktests, the first being the service's main API.</summary>
    public IReadOnlyDictionary<string, int> NamedPorts => Extension.Ports;

    /// <summary>
    /// The container ports a test stack publishes on the host: those compose publishes, and those
    /// x-stacktests names for the suite to reach (Tempo's OTLP receivers, which the stack keeps inside
    /// its network, for the scenarios that send to Tempo directly).
    /// </summary>
    public IReadOnlyList<int> TestPorts => Ports.Select(p => p.ContainerPort).Concat(NamedPorts.Values).Distinct().ToList();

    public ReadinessProbe? Readiness => Extension.Readiness;

    public ServiceLogin? Login => Extension.Login;

    /// <summary>The container port x-stacktests names so, e.g. Port("otlp-http") of otel-collector.</summary>
    public int Port(string name) =>
        NamedPorts.TryGetValue(name, out var port)
            ? port
            : throw new KeyNotFoundException($"service '{Name}' (line {Line}) names no port '{name}' in its x-stacktests.ports " +
                                             $"(names: {(NamedPorts.Count == 0 ? "none" : string.Join(", ", NamedPorts.Keys))})");

    /// <summary>The name x-stacktests gives a container port, or null.</summary>
    public string? PortName(int containerPort) => NamedPorts.FirstOrDefault(p => p.Value == containerPort).Key;

    /// <summary>The name of the service's main API port (the first named), or null when it names none.</summary>
    public string? MainPortName => NamedPorts.Keys.FirstOrDefault();

    /// <summary>The published port for a container port, or null when the service does not publish it.</summary>
    public PortBinding? Published(int containerPort) => Ports.FirstOrDefault(p => p.ContainerPort == containerPort);

    /// <summary>The bind mount whose target is this container path, or null.</summary>
    public VolumeMount? MountAt(string containerPath) => Volumes.FirstOrDefault(v => v.Target == containerPath);
}

/// <summary>A published port: host address and port mapped to a container port.</summary>
public sealed record PortBinding(string? HostIp, int HostPort, int ContainerPort, string Protocol, int Line);

/// <summary>A volume entry: a bind mount (source is a path) or a named volume.</summary>
public sealed record VolumeMount(string Source, string Target, bool ReadOnly, int Line)
{
    public bool IsBind => Source.StartsWith('.') || Source.StartsWith('/') || Source.StartsWith('~');
}

/// <summary>A compose file that cannot be read as the suite needs it; names the file and line.</summary>
public sealed class ComposeFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string FilePath { get; } = path;
    public int LineNumber { get; } = line;
    public string Problem { get; } = problem;
}
