using System.Text.RegularExpressions;

namespace StackTests.Harness;

/// <summary>
/// What compose.yaml does not say about a service: how to tell it is ready, the names of its
/// ports, its login, and how to run it as a plain process on this host. Images, commands, ports,
/// volumes, dependencies and profiles come from compose.yaml and nowhere else.
/// </summary>
public static class ServiceCatalog
{
    private static readonly TimeSpan DefaultReadiness = TimeSpan.FromSeconds(30);
    // Loki and Tempo answer /ready with 503 for about 15 s after they are up (GUIDE.md, section 6).
    private static readonly TimeSpan IngesterReadiness = TimeSpan.FromSeconds(60);

    private static readonly ServiceDefinition[] All =
    [
        new("prometheus", new ReadinessProbe(9090, "/-/ready"), DefaultReadiness,
            Ports(("http", 9090)),
            new LocalCommand(["prometheus"],
                ImageCommand: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"],
                Arguments: (local, command) => CommandFlags.Set(command, "--web.listen-address", $"{local.Address}:9090"))),

        new("alertmanager", new ReadinessProbe(9093, "/-/ready"), DefaultReadiness,
            Ports(("http", 9093)),
            new LocalCommand(["prometheus-alertmanager", "alertmanager"],
                ImageCommand: ["--config.file=/etc/alertmanager/alertmanager.yml", "--storage.path=/alertmanager"],
                // An empty cluster address turns gossip off: no port opened on 0.0.0.0.
                Arguments: (local, command) => CommandFlags.Set(
                    CommandFlags.Set(command, "--web.listen-address", $"{local.Address}:9093"), "--cluster.listen-address", ""))),

        new("node-exporter", new ReadinessProbe(9100, "/metrics"), DefaultReadiness,
            Ports(("http", 9100)),
            new LocalCommand(["prometheus-node-exporter", "node_exporter"],
                ImageCommand: [],
                // Compose points the collectors at the host's /proc and /sys mounted into the container;
                // a local process reads its own, and has no systemd to talk to.
                Arguments: (local, command) => [.. CommandFlags.Set(
                    command.Where(a => !a.StartsWith("--path.", StringComparison.Ordinal)).ToList(), "--web.listen-address", $"{local.Address}:9100"),
                    .. command.Contains("--no-collector.systemd") ? Array.Empty<string>() : ["--no-collector.systemd"]])),

        new("pushgateway", new ReadinessProbe(9091, "/-/ready"), DefaultReadiness,
            Ports(("http", 9091)),
            new LocalCommand(["prometheus-pushgateway", "pushgateway"],
                ImageCommand: [],
                Arguments: (local, command) => CommandFlags.Set(command, "--web.listen-address", $"{local.Address}:9091"))),

        new("mosquitto", new ReadinessProbe(1883, null), DefaultReadiness,
            Ports(("mqtt", 1883)),
            new LocalCommand(["mosquitto"],
                ImageCommand: ["-c", "/mosquitto/config/mosquitto.conf"],
                Arguments: (_, command) => command,
                // "listener 1883" listens on every interface; pin it to the service's own address.
                RewriteConfig: (local, text) => Regex.Replace(text, @"^([ \t]*listener[ \t]+\d+)[ \t]*$", $"$1 {local.Address}", RegexOptions.Multiline))),

        new("mqtt-exporter", new ReadinessProbe(9641, "/metrics"), DefaultReadiness,
            Ports(("http", 9641)),
            new LocalCommand(["prometheus-mqtt-exporter", "mqtt2prometheus"],
                ImageCommand: ["-config", "/config.yaml"],
                // Single-dash Go flags; it opens HTTP only once the broker accepted it (depends_on: mosquitto).
                Arguments: (local, command) => CommandFlags.Set(CommandFlags.Set(command, "-listen-address", local.Address), "-listen-port", "9641"))),

        // An HTTP echo server that logs Alertmanager's webhooks: the mendhak/http-https-echo image
        // in containers, tools/alert-sink/echo-server.mjs (Node.js) as a local process.
        new("alert-sink", new ReadinessProbe(8080, "/healthz"), DefaultReadiness,
            Ports(("http", 8080)),
            new LocalCommand(["node", "nodejs"],
                ImageCommand: [],
                Arguments: (local, _) => [Path.Combine(RepositoryLayout.Root, "tools", "alert-sink", "echo-server.mjs"),
                    "--host", local.Address, "--port", "8080"])),

        // A shell loop publishing readings with mosquitto_pub (mosquitto-clients); no port, so
        // ready means still running.
        new("device-simulator", null, DefaultReadiness,
            Ports(),
            new LocalCommand(["sh"],
                ImageCommand: [],
                Arguments: (_, command) => command)),

        new("loki", new ReadinessProbe(3100, "/ready"), IngesterReadiness,
            Ports(("http", 3100), ("grpc", 9095)),
            new LocalCommand(["loki"],
                ImageCommand: ["-config.file=/etc/loki/local-config.yaml"],
                Arguments: (_, command) => command,
                // Loki 3's querier worker dials its frontend on server.grpc_listen_address when it is set
                // (grafana/loki pkg/querier/worker_service.go, InitWorkerService), so both listeners can
                // use the service's own address.
                RewriteConfig: (local, text) => ListenOn(text, local.Address))),

        new("tempo", new ReadinessProbe(3200, "/ready"), IngesterReadiness,
            Ports(("http", 3200), ("otlp-grpc", 4317), ("otlp-http", 4318)),
            new LocalCommand(["tempo"],
                ImageCommand: ["-config.file=/etc/tempo.yaml"],
                // Tempo has no listen-address flags (only ports): the addresses go into its config.
                Arguments: (_, command) => command,
                // In single-binary mode (target "all") Tempo forces its ingester and generator ring
                // addresses to 127.0.0.1 (grafana/tempo cmd/tempo/main.go, loadConfig) and, with no
                // frontend address set, dials its query frontend at 127.0.0.1:<grpc_listen_port>
                // (cmd/tempo/app/modules.go, initQuerier): its gRPC must answer on 127.0.0.1, or every
                // push fails with "dial tcp 127.0.0.1:9095: connection refused". HTTP (the API and
                // readiness) stays on its own address.
                RewriteConfig: (local, text) => ListenOn(text, local.Address, SingleBinaryGrpcAddress),
                // compose/tempo/tempo.yaml's server.grpc_listen_port, held on 127.0.0.1 whatever the loopback block.
                LoopbackPorts: [9095])),

        new("otel-collector", new ReadinessProbe(13133, "/"), DefaultReadiness,
            Ports(("otlp-http", 4318), ("otlp-grpc", 4317), ("health", 13133), ("metrics", 8888), ("exporter", 8889)),
            new LocalCommand(["otelcol-contrib", "otelcol"],
                ImageCommand: ["--config=/etc/otelcol-contrib/config.yaml"],
                // Its listen addresses are in its config, where 0.0.0.0:P becomes the loopback address;
                // the telemetry reader (service.telemetry.metrics.readers[].pull.exporter.prometheus,
                // the OpenTelemetry configuration schema's Prometheus exporter) gives host and port apart.
                Arguments: (_, command) => command,
                RewriteConfig: (local, text) => Regex.Replace(text,
                    @"(\bhost:[ \t]*)([""']?)(?:0\.0\.0\.0|::|localhost|127\.0\.0\.1)\2(?=[ \t]*(?:#.*)?$)", $"${{1}}${{2}}{local.Address}${{2}}", RegexOptions.Multiline))),

        new("alloy", new ReadinessProbe(12345, "/-/ready"), DefaultReadiness,
            Ports(("http", 12345)),
            new LocalCommand(["alloy"],
                ImageCommand: ["run", "--storage.path=/var/lib/alloy/data", "/etc/alloy/config.alloy"],
                Arguments: (local, command) => CommandFlags.Set(command, "--server.http.listen-addr", $"{local.Address}:12345"))),

        new("grafana", new ReadinessProbe(3000, "/api/health"), DefaultReadiness,
            Ports(("http", 3000)),
            new LocalCommand(["grafana", "grafana-server"],
                // The image's run.sh supplies these; compose gives no command.
                ImageCommand: [],
                Arguments: (local, command) => [
                    .. Path.GetFileName(local.Binary) == "grafana" ? new[] { "server" } : [],
                    $"--homepath={GrafanaHome(local.Binary)}",
                    .. command,
                    .. GrafanaOverrides(
                        ("server.http_addr", local.Address),
                        ("paths.data", local.MapPath("/var/lib/grafana")),
                        ("paths.logs", Path.Combine(local.Directory, "logs")),
                        ("paths.plugins", Path.Combine(local.Directory, "plugins")),
                        ("paths.provisioning", local.MapPath("/etc/grafana/provisioning")))]),
            new CredentialVariables("GF_SECURITY_ADMIN_USER", "admin", "GF_SECURITY_ADMIN_PASSWORD", "admin", "/api/user")),
    ];

    private static readonly Dictionary<string, ServiceDefinition> Definitions = All.ToDictionary(d => d.Name);

    /// <summary>The catalog's services, in catalog order.</summary>
    public static IReadOnlyList<ServiceDefinition> Known => All;

    /// <summary>The service's definition; a service the catalog does not know has no probe and no local command.</summary>
    public static ServiceDefinition Get(string service) =>
        Definitions.TryGetValue(service, out var definition)
            ? definition
            : new ServiceDefinition(service, null, DefaultReadiness, new Dictionary<string, int>(), null);

    /// <summary>A named port, e.g. Port("otel-collector", "otlp-http") is 4318.</summary>
    public static int Port(string service, string name) =>
        Get(service).NamedPorts.TryGetValue(name, out var port)
            ? port
            : throw new KeyNotFoundException($"the service catalog names no port '{name}' for {service} " +
                                             $"(known: {string.Join(", ", Get(service).NamedPorts.Keys)})");

    private static Dictionary<string, int> Ports(params (string Name, int Port)[] ports) =>
        ports.ToDictionary(p => p.Name, p => p.Port);

    /// <summary>Where a Grafana Labs single binary that pins its rings to loopback expects its own gRPC listener.</summary>
    public const string SingleBinaryGrpcAddress = "127.0.0.1";

    /// <summary>
    /// Binds a Grafana Labs server (Loki, Tempo: dskit's "server:" block, keys http_listen_address and
    /// grpc_listen_address; grafana/dskit server/server.go) to its addresses, HTTP and gRPC (gRPC on the
    /// HTTP address unless given), and makes it advertise the gRPC address in its rings ("instance_addr").
    /// </summary>
    public static string ListenOn(string yaml, string httpAddress, string? grpcAddress = null)
    {
        grpcAddress ??= httpAddress;
        yaml = Regex.Replace(yaml, @"^([ \t]*instance_addr:[ \t]*)\S+[ \t]*$", $"${{1}}{grpcAddress}", RegexOptions.Multiline);
        foreach (var (key, address) in new[] { ("grpc_listen_address", grpcAddress), ("http_listen_address", httpAddress) })
        {
            if (Regex.IsMatch(yaml, $@"^[ \t]+{key}:", RegexOptions.Multiline))
                yaml = Regex.Replace(yaml, $@"^([ \t]+{key}:[ \t]*)\S*[ \t]*$", $"${{1}}{address}", RegexOptions.Multiline);
            else if (Regex.IsMatch(yaml, ServerBlock, RegexOptions.Multiline))
                yaml = Regex.Replace(yaml, ServerBlock, $"$0\n  {key}: {address}", RegexOptions.Multiline);
            else
                yaml += $"\nserver:\n  {key}: {address}\n";
        }
        return yaml;
    }

    // The top-level "server:" line, with or without a trailing comment.
    private const string ServerBlock = @"^server:[ \t]*(?:#.*)?$";

    // "cfg:section.key=value" arguments override grafana.ini (grafana/grafana pkg/setting/setting.go,
    // applyCommandLineProperties); Grafana splits each on every '=' and exits when there are more than two parts.
    private static IEnumerable<string> GrafanaOverrides(params (string Key, string Value)[] overrides) =>
        overrides.Select(o => o.Value.Contains('=')
            ? throw new StackStartException($"grafana: cfg:{o.Key}={o.Value} holds a second '=', which Grafana refuses; choose a run folder without '=' (STACKTESTS_RUN_DIR)")
            : $"cfg:{o.Key}={o.Value}");

    // Debian/RPM packages put Grafana's home in /usr/share/grafana; a tarball keeps it above bin/.
    private static string GrafanaHome(string binary)
    {
        var binFolder = Path.GetDirectoryName(binary)!;
        var packaged = Path.GetFullPath(Path.Combine(binFolder, "..", "share", "grafana"));
        return Directory.Exists(packaged) ? packaged : Path.GetFullPath(Path.Combine(binFolder, ".."));
    }
}

/// <summary>
/// A service as the catalog knows it. The first named port is the service's main API: the one a
/// single external base URL stands for.
/// </summary>
public sealed record ServiceDefinition(
    string Name,
    ReadinessProbe? Readiness,
    TimeSpan ReadinessTimeout,
    IReadOnlyDictionary<string, int> NamedPorts,
    LocalCommand? Local,
    CredentialVariables? Login = null)
{
    public int? MainPort => NamedPorts.Count > 0 ? NamedPorts.Values.First() : null;

    /// <summary>The name the catalog gives a container port, or null.</summary>
    public string? PortName(int containerPort) =>
        NamedPorts.FirstOrDefault(p => p.Value == containerPort).Key;
}

/// <summary>Ready once a GET of Path on Port answers 2xx; a null Path means once the TCP port accepts.</summary>
public sealed record ReadinessProbe(int Port, string? Path)
{
    public override string ToString() => Path is null ? $"TCP :{Port}" : $"GET :{Port}{Path}";
}

/// <summary>
/// How to run a service as a local process: candidate binary names (first found wins); the image's
/// default command, used when compose gives none (container paths, mapped like compose's); the
/// full argument list built from that command; an optional edit of its copied config files; and
/// the ports it listens on at 127.0.0.1 rather than at its own address (LoopbackPorts).
/// </summary>
public sealed record LocalCommand(
    IReadOnlyList<string> Binaries,
    IReadOnlyList<string> ImageCommand,
    Func<LocalContext, IReadOnlyList<string>, IReadOnlyList<string>> Arguments,
    Func<LocalContext, string, string>? RewriteConfig = null,
    IReadOnlyList<int>? LoopbackPorts = null);

/// <summary>
/// What a local command needs to know: the service's loopback address, the binary found, its run
/// folder, and the mapping of a container path to its local copy.
/// </summary>
public sealed record LocalContext(string Address, string Binary, string Directory, Func<string, string> MapPath);

/// <summary>
/// The environment variables that set a service's login in compose, the image's defaults, and a
/// path that answers 401 to a wrong login (to check credentials before any test uses them).
/// </summary>
public sealed record CredentialVariables(string UserVariable, string DefaultUser, string PasswordVariable, string DefaultPassword, string CheckPath);
