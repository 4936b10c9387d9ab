namespace StackTests.Compose;

/// <summary>
/// One service of a compose file. Line is where the service is declared (1-based). Entrypoint is
/// null when compose keeps the image's; BuildContext is set when compose builds the image.
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
    IReadOnlyList<string>? Healthcheck)
{
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
