using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StackTests.Compose;

/// <summary>A compose file as the suite needs it: services, their images, ports, mounts and profiles, and the images x-stacktests names.</summary>
public sealed record ComposeFile(
    string Path,
    string? ProjectName,
    IReadOnlyList<ComposeService> Services,
    IReadOnlyList<string> NamedVolumes,
    IReadOnlyDictionary<string, string> Images)
{
    /// <summary>An image the top-level x-stacktests.images names, e.g. Image("log-writer").</summary>
    public string Image(string name) =>
        Images.TryGetValue(name, out var image)
            ? image
            : throw new KeyNotFoundException($"{Path}: x-stacktests.images names no '{name}' (names: {string.Join(", ", Images.Keys)})");

    /// <summary>The folder that relative bind-mount sources are resolved against.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    public ComposeService Service(string name) =>
        Services.FirstOrDefault(s => s.Name == name)
        ?? throw new KeyNotFoundException($"{Path}: no service '{name}' (services: {string.Join(", ", Services.Select(s => s.Name))})");

    /// <summary>The host path compose bind-mounts at a container path of a service (a config file or folder of compose/).</summary>
    public string HostPath(string service, string containerPath)
    {
        var mount = Service(service).MountAt(containerPath)
                    ?? throw new InvalidOperationException($"{Path}: {service} mounts nothing at {containerPath}");
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, mount.Source));
    }

    /// <summary>The services enabled by the given profiles (services without a profile are always enabled).</summary>
    public IReadOnlyList<ComposeService> ServicesFor(IEnumerable<string> profiles)
    {
        var wanted = profiles.ToHashSet(StringComparer.Ordinal);
        return Services.Where(s => s.Profiles.Count == 0 || s.Profiles.Any(wanted.Contains)).ToList();
    }

    /// <summary>
    /// Reads a compose file; ${VAR} values come from this process's environment, else from the .env
    /// file beside it, as docker compose takes them.
    /// </summary>
    public static ComposeFile Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ComposeFormatException(path, 0, $"cannot read: {e.Message}"); }
        return Parse(path, text);
    }

    /// <param name="variables">the interpolation variables; by default the environment's, else those of the .env beside path</param>
    public static ComposeFile Parse(string path, string text, Func<string, string?>? variables = null)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ComposeFormatException(path, (int)e.Start.Line, e.Message); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ComposeFormatException(path, 1, "expected a mapping at the top level");

        var reader = new ComposeReader(path, variables ?? ComposeDotEnv.Variables(path));
        var services = reader.Map(root, "services")?.Children
            .Select(kv => reader.Service(reader.Scalar(kv.Key), kv.Value, (int)kv.Key.Start.Line))
            .ToList() ?? throw new ComposeFormatException(path, 1, "no 'services' section");
        var volumes = reader.Map(root, "volumes")?.Children.Select(kv => reader.Scalar(kv.Key)).ToList() ?? [];
        return new ComposeFile(path, reader.OptionalScalar(root, "name"), services, volumes, new ExtensionReader(path, reader).Images(root));
    }
}
