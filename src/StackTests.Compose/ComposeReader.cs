using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StackTests.Compose;

/// <summary>
/// Reads compose's short and long syntaxes from YAML nodes, keeping line numbers for errors.
/// Every value is interpolated (${VAR:-default}) with the given variable lookup, as compose does; a
/// value compose would refuse (a required variable unset) fails naming the file and line.
/// </summary>
internal sealed class ComposeReader(string path, Func<string, string?> variables)
{
    /// <param name="line">where the service is declared: the line of its name</param>
    public ComposeService Service(string name, YamlNode node, int line)
    {
        if (node is not YamlMappingNode map)
            throw Error(node, $"service '{name}' must be a mapping");
        var healthTest = Map(map, "healthcheck") is { } health && Child(health, "test") is { } test ? StringList(test) : null;
        var ports = Child(map, "ports") is YamlSequenceNode published ? published.Children.Select(Port).ToList() : [];
        var expose = Child(map, "expose") is YamlSequenceNode exposed ? exposed.Children.Select(Exposed).ToList() : [];
        var environment = Child(map, "environment") is { } env ? Environment(env) : new Dictionary<string, string>();
        var extension = new ExtensionReader(path, this).Service(name, map,
            ports.Select(p => p.ContainerPort).Concat(expose).Distinct().ToList(), environment);
        return new ComposeService(
            name,
            line,
            OptionalScalar(map, "image"),
            Child(map, "profiles") is { } p ? StringList(p) : [],
            Child(map, "command") is { } c ? StringList(c) : [],
            Child(map, "entrypoint") is { } e ? StringList(e) : null,
            Child(map, "build") switch
            {
                null => null,
                YamlMappingNode build => OptionalScalar(build, "context") ?? ".",
                var build => Scalar(build),
            },
            ports,
            Child(map, "volumes") is YamlSequenceNode vols ? vols.Children.Select(Volume).ToList() : [],
            environment,
            Child(map, "depends_on") switch
            {
                YamlSequenceNode seq => seq.Children.Select(Scalar).ToList(),
                YamlMappingNode deps => deps.Children.Keys.Select(Scalar).ToList(),
                _ => [],
            },
            healthTest,
            expose,
            extension);
    }

    // expose: "PORT" or "PORT/PROTOCOL" (a range is not needed here, and is refused).
    private int Exposed(YamlNode node) => ParsePort(node, Scalar(node).Split('/')[0]);

    private PortBinding Port(YamlNode node)
    {
        if (node is YamlMappingNode longForm)
        {
            var target = Int(Child(longForm, "target") ?? throw Error(node, "port without 'target'"));
            var published = Child(longForm, "published") is { } pub ? Int(pub) : target;
            return new PortBinding(OptionalScalar(longForm, "host_ip"), published, target,
                OptionalScalar(longForm, "protocol") ?? "tcp", Line(node));
        }
        // Short syntax: [HOST_IP:]HOST_PORT:CONTAINER_PORT[/PROTOCOL] or CONTAINER_PORT.
        var text = Scalar(node);
        var protocol = "tcp";
        var slash = text.IndexOf('/');
        if (slash >= 0) { protocol = text[(slash + 1)..]; text = text[..slash]; }
        var parts = text.Split(':');
        return parts.Length switch
        {
            1 => new PortBinding(null, ParsePort(node, parts[0]), ParsePort(node, parts[0]), protocol, Line(node)),
            2 => new PortBinding(null, ParsePort(node, parts[0]), ParsePort(node, parts[1]), protocol, Line(node)),
            3 => new PortBinding(parts[0], ParsePort(node, parts[1]), ParsePort(node, parts[2]), protocol, Line(node)),
            _ => throw Error(node, $"cannot read port '{Scalar(node)}'"),
        };
    }

    private VolumeMount Volume(YamlNode node)
    {
        if (node is YamlMappingNode longForm)
            return new VolumeMount(
                OptionalScalar(longForm, "source") ?? "",
                OptionalScalar(longForm, "target") ?? throw Error(node, "volume without 'target'"),
                OptionalScalar(longForm, "read_only") is "true",
                Line(node));
        var parts = Scalar(node).Split(':');
        return parts.Length switch
        {
            1 => new VolumeMount("", parts[0], false, Line(node)),
            2 => new VolumeMount(parts[0], parts[1], false, Line(node)),
            3 => new VolumeMount(parts[0], parts[1], parts[2].Split(',').Contains("ro"), Line(node)),
            _ => throw Error(node, $"cannot read volume '{Scalar(node)}'"),
        };
    }

    private Dictionary<string, string> Environment(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.ToDictionary(kv => Scalar(kv.Key), kv => Scalar(kv.Value)),
        YamlSequenceNode seq => seq.Children.Select(Scalar)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : ""),
        _ => throw Error(node, "environment must be a mapping or a list"),
    };

    private int ParsePort(YamlNode node, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw Error(node, $"'{text}' is not a port number");

    private int Int(YamlNode node) => ParsePort(node, Scalar(node));

    private List<string> StringList(YamlNode node) => node switch
    {
        YamlSequenceNode seq => seq.Children.Select(Scalar).ToList(),
        YamlScalarNode s => [.. (s.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)],
        _ => throw Error(node, "expected a list or a string"),
    };

    public YamlMappingNode? Map(YamlMappingNode parent, string key) => Child(parent, key) switch
    {
        null => null,
        YamlMappingNode m => m,
        YamlScalarNode { Value: null or "" } => null,
        var other => throw Error(other, $"'{key}' must be a mapping"),
    };

    public static YamlNode? Child(YamlMappingNode parent, string key) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? OptionalScalar(YamlMappingNode parent, string key) => Child(parent, key) is { } n ? Scalar(n) : null;

    public string Scalar(YamlNode node)
    {
        if (node is not YamlScalarNode s) throw Error(node, "expected a plain value");
        try { return ComposeInterpolation.Apply(s.Value ?? "", variables); }
        catch (ComposeInterpolationException e) { throw Error(node, e.Message); }
    }

    private static int Line(YamlNode node) => (int)node.Start.Line;

    private ComposeFormatException Error(YamlNode node, string problem) => new(path, Line(node), problem);
}
