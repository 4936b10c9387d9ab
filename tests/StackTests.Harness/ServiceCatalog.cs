namespace StackTests.Harness;

/// <summary>
/// What compose.yaml does not say about a service: how to tell it is ready, and how to run it
/// as a plain process on this host. Ports, images, commands and config mounts come from compose.
/// </summary>
public static class ServiceCatalog
{
    private static readonly Dictionary<string, ServiceDefinition> Definitions = new()
    {
        ["prometheus"] = new ServiceDefinition(
            "prometheus",
            new ReadinessProbe(9090, "/-/ready"),
            new LocalCommand(["prometheus"], address => [$"--web.listen-address={address}:9090"])),
    };

    public static ServiceDefinition Get(string service) =>
        Definitions.TryGetValue(service, out var definition)
            ? definition
            : new ServiceDefinition(service, null, null);
}

/// <summary>A service's readiness probe and local command; either may be unknown (null).</summary>
public sealed record ServiceDefinition(string Name, ReadinessProbe? Readiness, LocalCommand? Local);

/// <summary>An HTTP GET on a container port that answers 2xx once the service is ready.</summary>
public sealed record ReadinessProbe(int Port, string Path);

/// <summary>
/// How to run a service as a local process: candidate binary names (first found wins), and the
/// arguments that bind it to its loopback address, added to the compose command.
/// </summary>
public sealed record LocalCommand(IReadOnlyList<string> Binaries, Func<string, IReadOnlyList<string>> ListenArguments);
