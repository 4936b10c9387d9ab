using StackTests.Compose;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Compose;

/// <summary>
/// compose.yaml as the cross-file checks need it: the parsed model plus the ports each
/// service listens on: those compose publishes or exposes, and those a service's own config
/// declares (Tempo's OTLP receivers listen inside the network without being published).
/// </summary>
public sealed class ComposeStack
{
    private readonly Dictionary<string, HashSet<int>> _ports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _exposedOnly = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _configPorts = new(StringComparer.Ordinal);

    public ComposeStack(ComposeFile file, YamlMappingNode root)
    {
        File = file;
        foreach (var service in file.Services)
        {
            var ports = service.Ports.Select(p => p.ContainerPort).ToHashSet();
            var exposedOnly = new HashSet<int>();
            if (root.At("services", service.Name, "expose") is YamlSequenceNode expose)
                foreach (var entry in expose.Children.OfType<YamlScalarNode>())
                    if (int.TryParse((entry.Value ?? "").Split('/')[0], out var port) && ports.Add(port)) exposedOnly.Add(port);
            _ports[service.Name] = ports;
            _exposedOnly[service.Name] = exposedOnly;
        }
    }

    public ComposeFile File { get; }

    public string Path => File.Path;

    public bool HasService(string name) => _ports.ContainsKey(name);

    /// <summary>The container ports compose publishes or exposes for a service.</summary>
    public IReadOnlySet<int> Ports(string service) => _ports.TryGetValue(service, out var p) ? p : new HashSet<int>();

    /// <summary>Whether compose publishes or exposes the port: needed for what is reached from the host.</summary>
    public bool Publishes(string service, int port) => Ports(service).Contains(port);

    /// <summary>
    /// Whether the service listens on the port, by compose or by its own config: enough inside the network.
    /// `expose:` only documents a port: where the service's own config says what it listens on, that
    /// decides for an exposed port (Tempo's receivers moved to 4319 do not listen on the 4317 compose exposes).
    /// </summary>
    public bool Listens(string service, int port) =>
        _configPorts.TryGetValue(service, out var p) && p.Contains(port)
        || Publishes(service, port) && !(p is { Count: > 0 } && _exposedOnly.TryGetValue(service, out var exposed) && exposed.Contains(port));

    /// <summary>Every port the service listens on, by compose or by its own config.</summary>
    public IReadOnlySet<int> ListeningPorts(string service) =>
        Ports(service).Union(_configPorts.TryGetValue(service, out var p) ? p : []).ToHashSet();

    /// <summary>Records a port a service's config makes it listen on.</summary>
    public void DeclareListening(string service, int port)
    {
        if (!_configPorts.TryGetValue(service, out var ports)) _configPorts[service] = ports = [];
        ports.Add(port);
    }

    /// <summary>The host file a container path of a service comes from, through its bind mounts; null when not mounted.</summary>
    public string? HostPath(string service, string containerPath)
    {
        if (!HasService(service)) return null;
        foreach (var mount in File.Service(service).Volumes.Where(v => v.IsBind).OrderByDescending(v => v.Target.Length))
        {
            var target = mount.Target.TrimEnd('/');
            if (containerPath == target || containerPath.StartsWith(target + "/", StringComparison.Ordinal))
                return System.IO.Path.GetFullPath(System.IO.Path.Combine(File.Directory, mount.Source) + containerPath[target.Length..]);
        }
        return null;
    }

    /// <summary>Describes where a host:port goes wrong, or null when the service exists and listens there.</summary>
    public string? EndpointProblem(string host, int port)
    {
        if (!HasService(host))
            return $"'{host}' is not a service of {System.IO.Path.GetFileName(Path)} (services: {string.Join(", ", _ports.Keys)})";
        if (!Listens(host, port))
        {
            var fromConfig = _configPorts.TryGetValue(host, out var p) && p.Count > 0 ? $"; by its config: {string.Join(", ", p.Order())}" : "";
            return $"service '{host}' does not listen on port {port} (ports by {System.IO.Path.GetFileName(Path)}: {string.Join(", ", Ports(host).Order())}{fromConfig})";
        }
        return null;
    }
}
