using System.Text.RegularExpressions;
using StackTests.Compose;

namespace StackTests.Harness.Providers;

/// <summary>
/// Lays out a service's run folder as its container would see it: each compose mount becomes a
/// local folder or a copied config in which service host names, 0.0.0.0 and the service's own
/// localhost become loopback addresses, container paths become local ones, and the catalog's config
/// edit is applied. Then it maps the compose command onto those hosts and paths,
/// without the config edit, and adds the catalog's local arguments.
/// </summary>
public sealed class LocalServiceFiles(ComposeFile compose, Func<string, string> addressOf)
{
    // A folder the service may write to; the Debian mosquitto drops root for user 'mosquitto'.
    private const UnixFileMode Writable = (UnixFileMode)0b111_111_111;

    /// <summary>Prepares the folder and returns the full argument list.</summary>
    public IReadOnlyList<string> Prepare(LocalService service, string directory)
    {
        Directory.CreateDirectory(directory);
        var local = service.Local ?? throw new InvalidOperationException($"{service.Name} has no local command");
        var mounts = service.Service.Volumes
            .Select(m => (Container: m.Target.TrimEnd('/'), Local: LocalPath(m, directory), Mount: m))
            .OrderByDescending(m => m.Container.Length) // /etc/x/y.yml before /etc/x
            .ToList();

        string MapPath(string containerPath)
        {
            foreach (var (container, localPath, _) in mounts)
                if (containerPath == container || containerPath.StartsWith(container + "/", StringComparison.Ordinal))
                    return localPath + containerPath[container.Length..];
            // A path no mount covers is the container's own file system: a fresh folder here.
            var fresh = Path.Combine(directory, containerPath.Trim('/').Replace('/', '_'));
            Directory.CreateDirectory(fresh);
            return fresh;
        }

        var context = new LocalContext(service.Address, service.Binary!, directory, MapPath, service.RecipePort);
        // Host names and container paths, in configs and arguments alike.
        string Map(string text)
        {
            text = RewriteHosts(text, service.Address);
            foreach (var (container, localPath, _) in mounts)
                text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(container)}(?=$|[/\s""',;:\]])", localPath, RegexOptions.Multiline);
            return text;
        }
        // The catalog's config edit is for a config file's text only: applied to an argument it
        // would append YAML to "-config.file=<path>".
        string RewriteConfig(string text) => local.RewriteConfig is { } edit ? edit(context, Map(text)) : Map(text);

        foreach (var (_, localPath, mount) in mounts)
        {
            if (!mount.IsBind)
            {
                Directory.CreateDirectory(localPath);
                MakeWritable(localPath);
                continue;
            }
            // A host path outside compose/ (e.g. /var/run/docker.sock) is used as it is, not copied.
            if (Path.IsPathRooted(mount.Source)) continue;
            var source = Path.GetFullPath(Path.Combine(compose.Directory, mount.Source));
            if (!File.Exists(source) && !Directory.Exists(source))
                throw new StackStartException($"{service.Name}: mounted config {source} (compose.yaml line {mount.Line}) does not exist");
            Copy(source, localPath, RewriteConfig, writable: !mount.ReadOnly);
        }

        var command = service.Service.Command.Select(Map).ToList();
        return local.Arguments(context, command);
    }

    /// <summary>
    /// "loki:3100" becomes "127.0.0.11:3100" for every compose service (host names stand before a
    /// port); "0.0.0.0:P", "localhost:P" and "127.0.0.1:P" mean the service itself and become its address.
    /// </summary>
    public string RewriteHosts(string text, string ownAddress)
    {
        foreach (var other in compose.Services)
            text = Regex.Replace(text, $@"(?<![\w.-]){Regex.Escape(other.Name)}(?=:\d)", addressOf(other.Name));
        return Regex.Replace(text, @"(?<![\w.-])(0\.0\.0\.0|localhost|127\.0\.0\.1)(?=:\d)", ownAddress);
    }

    private static string LocalPath(VolumeMount mount, string directory) =>
        mount.IsBind && Path.IsPathRooted(mount.Source) ? mount.Source : Path.Combine(directory, mount.Target.Trim('/').Replace('/', '_'));

    private static void MakeWritable(string folder)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, Writable);
    }

    private static void Copy(string source, string destination, Func<string, string> rewrite, bool writable)
    {
        if (Directory.Exists(source))
        {
            Directory.CreateDirectory(destination);
            if (writable) MakeWritable(destination);
            foreach (var entry in Directory.EnumerateFileSystemEntries(source))
                Copy(entry, Path.Combine(destination, Path.GetFileName(entry)), rewrite, writable);
            return;
        }
        File.WriteAllText(destination, rewrite(File.ReadAllText(source)));
    }
}
