using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StackTests.Compose;

/// <summary>
/// Reads `x-stacktests:` (see compose/compose.yaml's header): at service level the port names,
/// readiness probe and login (ServiceExtension); at the top level the images the suite runs beside
/// the stack. Every problem names the file, line and service.
/// </summary>
internal sealed class ExtensionReader(string path, ComposeReader reader)
{
    public const string Key = "x-stacktests";

    public ServiceExtension Service(string service, YamlMappingNode map, IReadOnlyCollection<int> declaredPorts,
        IReadOnlyDictionary<string, string> environment)
    {
        if (reader.Map(map, Key) is not { } extension) return ServiceExtension.None;
        var ports = new Dictionary<string, int>();
        if (reader.Map(extension, "ports") is { } named)
            foreach (var (key, value) in named.Children)
            {
                var name = reader.Scalar(key);
                var port = int.TryParse(reader.Scalar(value), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Error(value, service, $"ports.{name}: '{reader.Scalar(value)}' is not a port number");
                if (!declaredPorts.Contains(port))
                    throw Error(value, service, $"ports.{name}: {port} is not a container port the service's ports: or expose: declares " +
                                                $"(declared: {(declaredPorts.Count == 0 ? "none" : string.Join(", ", declaredPorts))})");
                ports[name] = port;
            }
        return new ServiceExtension(ports, Readiness(service, extension, ports), Login(service, extension, environment));
    }

    public IReadOnlyDictionary<string, string> Images(YamlMappingNode root) =>
        reader.Map(root, Key) is { } extension && reader.Map(extension, "images") is { } images
            ? images.Children.ToDictionary(kv => reader.Scalar(kv.Key), kv => reader.Scalar(kv.Value))
            : new Dictionary<string, string>();

    private ReadinessProbe? Readiness(string service, YamlMappingNode extension, IReadOnlyDictionary<string, int> ports)
    {
        if (reader.Map(extension, "ready") is not { } ready) return null;
        var portName = reader.OptionalScalar(ready, "port") ?? throw Error(ready, service, "ready: names no port (ready: {port: NAME, path: /PATH})");
        if (!ports.TryGetValue(portName, out var port))
            throw Error(ready, service, $"ready.port: '{portName}' is not one of the names in ports: ({(ports.Count == 0 ? "none" : string.Join(", ", ports.Keys))})");
        var probePath = reader.OptionalScalar(ready, "path");
        if (probePath is not null && !probePath.StartsWith('/'))
            throw Error(ready, service, $"ready.path: '{probePath}' must start with '/'");
        var timeout = ReadinessProbe.DefaultTimeout;
        // Whole seconds, "60s": the one form the probes need.
        if (reader.OptionalScalar(ready, "timeout") is { } text)
            timeout = text.EndsWith('s') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : throw Error(ready, service, $"ready.timeout: '{text}' is not a number of seconds such as 60s");
        return new ReadinessProbe(portName, port, probePath, timeout);
    }

    private ServiceLogin? Login(string service, YamlMappingNode extension, IReadOnlyDictionary<string, string> environment)
    {
        if (reader.Map(extension, "login") is not { } login) return null;
        string Value(string part)
        {
            var variable = reader.OptionalScalar(login, part) ?? throw Error(login, service, $"login: names no {part} variable");
            return environment.TryGetValue(variable, out var value)
                ? value
                : throw Error(login, service, $"login.{part}: the service's environment: sets no {variable}");
        }
        var check = reader.OptionalScalar(login, "check") ?? throw Error(login, service, "login: names no check path (a path answering 401 to a wrong login)");
        if (!check.StartsWith('/')) throw Error(login, service, $"login.check: '{check}' must start with '/'");
        return new ServiceLogin(Value("user"), Value("password"), check);
    }

    private ComposeFormatException Error(YamlNode node, string service, string problem) =>
        new(path, (int)node.Start.Line, $"service '{service}': {Key}.{problem}");
}
