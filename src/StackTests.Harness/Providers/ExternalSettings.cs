using System.Globalization;
using StackTests.Compose;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StackTests.Harness.Providers;

/// <summary>
/// Where an external (already running) stack is: from a settings file (JSON or YAML, path in
/// STACKTESTS_SETTINGS) and environment variables, which win over the file:
/// <code>
/// STACKTESTS_&lt;SERVICE&gt;_URL             base URL of the service's main API (STACKTESTS_PROMETHEUS_URL)
/// STACKTESTS_&lt;SERVICE&gt;_&lt;PORT&gt;_URL      URL of another named port (STACKTESTS_OTEL_COLLECTOR_OTLP_HTTP_URL)
/// STACKTESTS_&lt;SERVICE&gt;_USER / _PASSWORD / _TOKEN   login (STACKTESTS_GRAFANA_PASSWORD)
/// </code>
/// SERVICE and PORT are the compose service and port names (x-stacktests.ports) upper-cased, '-' as '_'.
/// The file says the same in a tree:
/// <code>
/// services:
///   prometheus: http://staging:9090
///   otel-collector: { url: http://staging:13133, ports: { otlp-http: http://staging:4318 } }
///   grafana: { url: https://grafana.staging, user: admin, password: ..., token: ... }
/// </code>
/// </summary>
public static class ExternalSettings
{
    public const string SettingsVariable = "STACKTESTS_SETTINGS";

    public static IReadOnlyDictionary<string, ExternalService> Load(IEnumerable<ComposeService> services, Func<string, string?> environment)
    {
        var file = environment(SettingsVariable) is { Length: > 0 } path ? ReadFile(path) : new Dictionary<string, ExternalService>();
        return services.ToDictionary(s => s.Name, s => Merge(s, file.GetValueOrDefault(s.Name), environment));
    }

    /// <summary>The environment variable for a service's URL, or for one of its named ports.</summary>
    public static string UrlVariable(string service, string? port = null) =>
        $"STACKTESTS_{Upper(service)}{(port is null ? "" : "_" + Upper(port))}_URL";

    public static string LoginVariable(string service, string part) => $"STACKTESTS_{Upper(service)}_{part}";

    private static string Upper(string name) => name.ToUpperInvariant().Replace('-', '_');

    private static ExternalService Merge(ComposeService definition, ExternalService? fromFile, Func<string, string?> environment)
    {
        var service = definition.Name;
        var url = environment(UrlVariable(service)) is { Length: > 0 } u ? ParseUrl(UrlVariable(service), u) : fromFile?.Url;
        var ports = new Dictionary<string, Uri>(fromFile?.PortUrls ?? new Dictionary<string, Uri>());
        foreach (var name in definition.NamedPorts.Keys)
            if (environment(UrlVariable(service, name)) is { Length: > 0 } p) ports[name] = ParseUrl(UrlVariable(service, name), p);
        var user = environment(LoginVariable(service, "USER")) ?? fromFile?.Credentials?.User;
        var password = environment(LoginVariable(service, "PASSWORD")) ?? fromFile?.Credentials?.Password;
        var token = environment(LoginVariable(service, "TOKEN")) ?? fromFile?.Credentials?.Token;
        var credentials = (user ?? password ?? token) is null ? null : new ServiceCredentials(user, password, token);
        return new ExternalService(service, url, ports, credentials);
    }

    /// <summary>Reads a settings file; JSON is YAML, so one parser reads both.</summary>
    public static Dictionary<string, ExternalService> ReadFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        { throw new ExternalSettingsException($"{SettingsVariable}={path}: cannot read the settings file: {e.Message}"); }
        return Parse(path, text);
    }

    public static Dictionary<string, ExternalService> Parse(string path, string text)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException e) { throw new ExternalSettingsException($"{path}:{e.Start.Line}: {e.Message}"); }
        if (stream.Documents.Count == 0) return [];
        if (stream.Documents[0].RootNode is not YamlMappingNode root || Child(root, "services") is not YamlMappingNode services)
            throw new ExternalSettingsException($"{path}: expected a 'services' mapping at the top level");
        return services.Children.ToDictionary(kv => Scalar(path, kv.Key), kv => Service(path, Scalar(path, kv.Key), kv.Value));
    }

    private static ExternalService Service(string path, string name, YamlNode node)
    {
        if (node is YamlScalarNode url) return new ExternalService(name, ParseUrl($"{path}: services.{name}", url.Value ?? ""), new Dictionary<string, Uri>(), null);
        if (node is not YamlMappingNode map)
            throw new ExternalSettingsException($"{path}:{node.Start.Line}: services.{name} must be a URL or a mapping");
        var ports = Child(map, "ports") switch
        {
            null => new Dictionary<string, Uri>(),
            YamlMappingNode p => p.Children.ToDictionary(kv => Scalar(path, kv.Key),
                kv => ParseUrl($"{path}: services.{name}.ports.{Scalar(path, kv.Key)}", Scalar(path, kv.Value))),
            var other => throw new ExternalSettingsException($"{path}:{other.Start.Line}: services.{name}.ports must be a mapping of port name to URL"),
        };
        var user = Optional(path, map, "user");
        var password = Optional(path, map, "password");
        var token = Optional(path, map, "token");
        return new ExternalService(name,
            Optional(path, map, "url") is { } u ? ParseUrl($"{path}: services.{name}.url", u) : null,
            ports,
            (user ?? password ?? token) is null ? null : new ServiceCredentials(user, password, token));
    }

    // http(s) for HTTP APIs; mqtt or tcp (with a port) for a broker, which is reached over TCP.
    private static Uri ParseUrl(string where, string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
        && (url.Scheme is "http" or "https" || url.Scheme is "mqtt" or "tcp" && !url.IsDefaultPort)
            ? url
            : throw new ExternalSettingsException($"{where}: '{text}' is not an http(s) URL, nor an mqtt:// or tcp:// address with a port");

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Optional(string path, YamlMappingNode map, string key) =>
        Child(map, key) is { } node ? Scalar(path, node) : null;

    private static string Scalar(string path, YamlNode node) =>
        node is YamlScalarNode s ? s.Value ?? ""
        : throw new ExternalSettingsException($"{path}:{node.Start.Line.ToString(CultureInfo.InvariantCulture)}: expected a plain value");
}

/// <summary>The external stack's settings cannot be read; the message names the file or variable.</summary>
public sealed class ExternalSettingsException(string message) : Exception(message);
