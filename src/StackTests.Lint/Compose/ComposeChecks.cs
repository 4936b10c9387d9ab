using StackTests.Compose;
using StackTests.Lint.Pipeline;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Compose;

/// <summary>
/// Checks of compose.yaml on its own: the services and profiles the stack needs, pinned
/// images, loopback-only ports, the Docker socket, volumes and bind-mount sources.
/// </summary>
public static class ComposeChecks
{
    /// <summary>The services every Obstackd stack has, by profile.</summary>
    public static readonly IReadOnlyDictionary<string, string> RequiredServices = new Dictionary<string, string>
    {
        ["prometheus"] = "core", ["alertmanager"] = "core", ["loki"] = "core", ["tempo"] = "core",
        ["otel-collector"] = "core", ["alloy"] = "core", ["grafana"] = "core",
        ["mosquitto"] = "iot", ["mqtt-exporter"] = "iot",
    };

    private const string DockerSocket = "/var/run/docker.sock";

    /// <summary>Loads and checks a compose file; the stack is null when it cannot be read at all.</summary>
    public static (IReadOnlyList<Finding> Findings, ComposeStack? Stack) Check(string path, string text)
    {
        var findings = new List<Finding>();
        YamlMappingNode root;
        ComposeFile file;
        try
        {
            root = YamlDoc.Parse(text);
            file = ComposeFile.Parse(path, text);
        }
        catch (YamlSyntaxException e)
        {
            return ([new Finding(path, e.Line, e.Column, Severity.Error, RuleIds.YamlSyntax, e.Message)], null);
        }
        catch (ComposeFormatException e)
        {
            return ([new Finding(path, e.LineNumber, 0, Severity.Error, RuleIds.ComposeSyntax, e.Problem)], null);
        }

        void Error(int line, string rule, string message) => findings.Add(new Finding(path, line, 0, Severity.Error, rule, message));

        foreach (var (name, profile) in RequiredServices)
        {
            var service = file.Services.FirstOrDefault(s => s.Name == name);
            if (service is null)
                Error(1, RuleIds.ComposeRequiredService, $"service '{name}' is missing (the stack needs it in profile '{profile}')");
            else if (!service.Profiles.Contains(profile))
                Error(service.Line, RuleIds.ComposeProfile,
                    $"service '{name}' must be in profile '{profile}' (profiles: [{string.Join(", ", service.Profiles)}])");
        }

        // What `docker compose config` and `up` refuse: a dependency on no service, one host port published twice.
        var names = file.Services.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in file.Services)
            foreach (var dependency in service.DependsOn.Where(d => !names.Contains(d)))
                Error(service.Line, RuleIds.ComposeDependsOn,
                    $"service '{service.Name}' depends on '{dependency}', which is no service of this file; compose refuses to start it");
        foreach (var clash in file.Services.SelectMany(s => s.Ports.Where(p => p.HostPort > 0).Select(p => (Service: s, Port: p)))
                     .GroupBy(x => (x.Port.HostIp ?? "0.0.0.0", x.Port.HostPort, x.Port.Protocol)).Where(g => g.Count() > 1))
            foreach (var (service, port) in clash.Skip(1))
                Error(port.Line, RuleIds.ComposePortConflict,
                    $"service '{service.Name}' publishes {clash.Key.Item1}:{port.HostPort}, which '{clash.First().Service.Name}' publishes already; " +
                    "the second fails to start (port is already allocated)");

        foreach (var service in file.Services)
        {
            CheckImage(service, Error);
            foreach (var port in service.Ports.Where(p => p.HostIp != "127.0.0.1"))
                Error(port.Line, RuleIds.ComposePortLoopback,
                    $"service '{service.Name}' publishes port {port.HostPort} on {port.HostIp ?? "all interfaces (0.0.0.0)"}; bind it to 127.0.0.1");
            foreach (var mount in service.Volumes)
            {
                if (mount.Source.TrimEnd('/') == DockerSocket || mount.Target.TrimEnd('/') == DockerSocket)
                {
                    if (service.Name != "alloy")
                        Error(mount.Line, RuleIds.ComposeDockerSocket, $"service '{service.Name}' mounts the Docker socket; only alloy may");
                    else if (!mount.ReadOnly)
                        Error(mount.Line, RuleIds.ComposeDockerSocket, $"service '{service.Name}' mounts the Docker socket read-write; add ':ro'");
                    continue;
                }
                if (mount.IsBind)
                {
                    var source = Path.GetFullPath(Path.Combine(file.Directory, mount.Source));
                    if (!File.Exists(source) && !Directory.Exists(source))
                        Error(mount.Line, RuleIds.ComposeBindSource,
                            $"service '{service.Name}' bind-mounts '{mount.Source}', which does not exist (resolved to {source})");
                }
                else if (mount.Source.Length > 0 && !file.NamedVolumes.Contains(mount.Source))
                    Error(mount.Line, RuleIds.ComposeNamedVolume,
                        $"service '{service.Name}' uses volume '{mount.Source}', which the top-level 'volumes:' section does not declare");
            }
        }
        var stack = new ComposeStack(file, root);
        findings.AddRange(CommandConfigChecks.Check(stack, root));
        findings.AddRange(ListenAddressChecks.CheckAlloyCommand(stack, root));
        return (findings, stack);
    }

    private static void CheckImage(ComposeService service, Action<int, string, string> error)
    {
        if (service.Image is null) return; // built locally: no tag to pin
        var image = service.Image;
        if (image.Contains('@', StringComparison.Ordinal)) return; // pinned by digest
        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? null : image[(colon + 1)..];
        if (tag is null)
            error(service.Line, RuleIds.ComposeImageTag, $"service '{service.Name}' image '{image}' has no tag; pin a version");
        else if (tag == "latest" || tag.Contains('$', StringComparison.Ordinal) && !tag.Contains(":-", StringComparison.Ordinal))
            error(service.Line, RuleIds.ComposeImageTag, $"service '{service.Name}' image '{image}' is not pinned; use a version tag, not '{tag}'");
    }
}
