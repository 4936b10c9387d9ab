using StackTests.Compose;
using StackTests.Lint.Compose;

namespace StackTests.Lint.Mounts;

/// <summary>What compose mounts into a service: which services see a host file, and whether a container path is mounted.</summary>
public static class ServiceMounts
{
    /// <summary>The services that bind-mount this host file (itself or a folder holding it), each with the container path it gets.</summary>
    public static IEnumerable<(ComposeService Service, string ContainerPath)> Mounting(ComposeStack stack, string hostFile)
    {
        var full = Path.GetFullPath(hostFile);
        foreach (var service in stack.File.Services)
            foreach (var mount in service.Volumes.Where(v => v.IsBind))
            {
                var source = Path.GetFullPath(Path.Combine(stack.File.Directory, mount.Source)).TrimEnd('/');
                if (full == source) yield return (service, mount.Target);
                else if (full.StartsWith(source + "/", StringComparison.Ordinal))
                    yield return (service, mount.Target.TrimEnd('/') + full[source.Length..]);
            }
    }

    /// <summary>
    /// Whether a volume or bind mount of the service provides the path (for a glob, the folder
    /// before its first wildcard): a mount at the path, above it, or inside it.
    /// </summary>
    public static bool Provides(ComposeService service, string containerPath)
    {
        var wildcard = containerPath.IndexOfAny(['*', '?', '[', '{']);
        var path = (wildcard < 0 ? containerPath : containerPath[..containerPath.LastIndexOf('/', wildcard)]).TrimEnd('/');
        return service.Volumes.Any(v =>
        {
            var target = v.Target.TrimEnd('/');
            return path == target || path.StartsWith(target + "/", StringComparison.Ordinal)
                || wildcard >= 0 && target.StartsWith(path + "/", StringComparison.Ordinal);
        });
    }
}
