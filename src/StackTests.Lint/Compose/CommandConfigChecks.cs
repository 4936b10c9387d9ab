using StackTests.Compose;
using StackTests.Lint.Mounts;
using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint.Compose;

/// <summary>
/// compose-config-path: a service's <c>command:</c> or <c>entrypoint:</c> names the config file the
/// program reads at start (<c>-config.file=</c> of Loki, Tempo and Prometheus, <c>--config=</c> of
/// the Collector, <c>--config.file=</c>, mosquitto's <c>-c</c>, mqtt2prometheus' <c>-config</c>,
/// Alloy's positional path after <c>run</c>), and no mount provides it, nor the image (the
/// paths each image ships, below): the container exits at start with "no such file or directory".
/// A path inside a bind-mounted folder must exist in that host folder.
/// </summary>
public static class CommandConfigChecks
{
    /// <summary>
    /// Config files the upstream images ship, by repository name: grafana/loki's Dockerfile
    /// (cmd/loki/Dockerfile: /etc/loki/local-config.yaml), grafana/tempo's (cmd/tempo/Dockerfile has
    /// none), prom/prometheus' (Dockerfile: /etc/prometheus/prometheus.yml), prom/alertmanager's
    /// (/etc/alertmanager/alertmanager.yml), otel/opentelemetry-collector-contrib's
    /// (/etc/otelcol-contrib/config.yaml), grafana/alloy's (/etc/alloy/config.alloy),
    /// eclipse-mosquitto's (/mosquitto/config/mosquitto.conf).
    /// </summary>
    private static readonly Dictionary<string, string[]> ImageFiles = new(StringComparer.Ordinal)
    {
        ["loki"] = ["/etc/loki/local-config.yaml"],
        ["prometheus"] = ["/etc/prometheus/prometheus.yml"],
        ["alertmanager"] = ["/etc/alertmanager/alertmanager.yml"],
        ["opentelemetry-collector-contrib"] = ["/etc/otelcol-contrib/config.yaml"],
        ["opentelemetry-collector"] = ["/etc/otelcol/config.yaml"],
        ["alloy"] = ["/etc/alloy/config.alloy"],
        ["eclipse-mosquitto"] = ["/mosquitto/config/mosquitto.conf"],
    };

    private static readonly string[] ValueFlags = ["-config.file", "--config.file", "-config", "--config", "-c"];

    public static IReadOnlyList<Finding> Check(ComposeStack stack, YamlMappingNode root)
    {
        var findings = new List<Finding>();
        foreach (var service in stack.File.Services)
        {
            var args = (service.Entrypoint ?? []).Concat(service.Command).ToList();
            foreach (var path in ConfigPaths(service, args))
            {
                if (Problem(stack, service, path) is not { } problem) continue;
                var at = root.At("services", service.Name, "command") ?? root.At("services", service.Name, "entrypoint") ?? root.At("services", service.Name);
                findings.Add(new Finding(stack.Path, at?.Line() ?? service.Line, at?.Column() ?? 0, Severity.Error, RuleIds.ComposeConfigPath,
                    $"service '{service.Name}' reads its config from {path}, {problem}: the container exits at start"));
            }
        }
        return findings;
    }

    /// <summary>The config file paths the arguments name (absolute container paths only).</summary>
    private static IEnumerable<string> ConfigPaths(ComposeService service, List<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=');
            var flag = equals > 0 ? arg[..equals] : arg;
            if (!ValueFlags.Contains(flag)) continue;
            var value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Count ? args[i + 1] : null;
            if (value is null) continue;
            // The Collector also takes env:, yaml:, http(s): and file: URIs; only files are checked.
            if (value.StartsWith("file:", StringComparison.Ordinal)) value = value[5..];
            if (value.StartsWith('/')) yield return value;
        }
        // Alloy: `run [flags] PATH`; the path is the first argument after run that is not a flag or its value.
        if (RepositoryName(service.Image) == "alloy" && args.IndexOf("run") is var run and >= 0)
            foreach (var arg in args.Skip(run + 1))
                if (!arg.StartsWith('-') && arg.StartsWith('/')) { yield return arg; break; }
    }

    private static string? Problem(ComposeStack stack, ComposeService service, string path)
    {
        if (ImageFiles.TryGetValue(RepositoryName(service.Image) ?? "", out var shipped) && shipped.Contains(path)) return null;
        if (!ServiceMounts.Provides(service, path))
            return $"which no volume or bind mount of '{service.Name}' provides (mounts: {string.Join(", ", service.Volumes.Select(v => v.Target))}) and its image does not ship";
        var host = stack.HostPath(service.Name, path);
        // A bind of the file itself is compose-bind-source's to report; a file missing in a mounted folder is this rule's.
        var mountedItself = service.Volumes.Any(v => v.IsBind && v.Target.TrimEnd('/') == path);
        if (host is not null && !mountedItself && !File.Exists(host) && !Directory.Exists(host))
            return $"which the bind-mounted host folder does not hold ({DisplayPath.Like(stack.File.Directory, host)} does not exist)";
        return null;
    }

    /// <summary>"mirror:5000/grafana/loki:3.7.6" -> "loki": the repository's last part, without tag or digest.</summary>
    public static string? RepositoryName(string? image)
    {
        if (image is null) return null;
        var name = image.Split('@')[0];
        if (name.LastIndexOf(':') is var colon && colon > name.LastIndexOf('/')) name = name[..colon];
        return name[(name.LastIndexOf('/') + 1)..];
    }
}
