using System.Globalization;
using System.Text.RegularExpressions;

namespace StackTests.Harness;

/// <summary>
/// How to run each service as a plain process on this host (the local provider's recipes): the
/// binary names, and the flags or config edits that put its listeners on its own loopback address.
/// Everything else (images, commands, ports and their names, readiness probes, logins, volumes,
/// dependencies, profiles) comes from compose.yaml and nowhere else.
/// </summary>
public static class ServiceCatalog
{
    private static readonly Dictionary<string, LocalCommand> Recipes = new()
    {
        // Debian's builds default their data paths to the host's /var/lib/prometheus, shared by every
        // run on the host; the upstream images' defaults ("data/", or memory for the Pushgateway)
        // keep a local process's data in its own run folder, as its container would.
        ["prometheus"] = new(["prometheus"],
            (local, command) => CommandFlags.Set(CommandFlags.Default(command, "--storage.tsdb.path", "data/"), "--web.listen-address", local.Listen("http"))),

        ["alertmanager"] = new(["prometheus-alertmanager", "alertmanager"],
            // An empty cluster address turns gossip off: no port opened on 0.0.0.0.
            (local, command) => CommandFlags.Set(
                CommandFlags.Set(CommandFlags.Default(command, "--storage.path", "data/"), "--web.listen-address", local.Listen("http")),
                "--cluster.listen-address", "")),

        ["node-exporter"] = new(["prometheus-node-exporter", "node_exporter"],
            // Compose points the collectors at the host's /proc and /sys mounted into the container;
            // a local process reads its own, and has no systemd to talk to.
            (local, command) => [.. CommandFlags.Set(
                command.Where(a => !a.StartsWith("--path.", StringComparison.Ordinal)).ToList(), "--web.listen-address", local.Listen("http")),
                .. command.Contains("--no-collector.systemd") ? Array.Empty<string>() : ["--no-collector.systemd"]]),

        ["pushgateway"] = new(["prometheus-pushgateway", "pushgateway"],
            (local, command) => CommandFlags.Set(CommandFlags.Default(command, "--persistence.file", ""), "--web.listen-address", local.Listen("http"))),

        ["mosquitto"] = new(["mosquitto"],
            (_, command) => command,
            // "listener PORT" listens on every interface; pin it to the service's own address.
            RewriteConfig: (local, text) => Regex.Replace(text, @"^([ \t]*listener[ \t]+\d+)[ \t]*$", $"$1 {local.Address}", RegexOptions.Multiline)),

        ["mqtt-exporter"] = new(["prometheus-mqtt-exporter", "mqtt2prometheus"],
            // Single-dash Go flags; it opens HTTP only once the broker accepted it (depends_on: mosquitto).
            (local, command) => CommandFlags.Set(CommandFlags.Set(command, "-listen-address", local.Address),
                "-listen-port", local.Port("http").ToString(CultureInfo.InvariantCulture))),

        // An HTTP echo server that logs Alertmanager's webhooks: the mendhak/http-https-echo image
        // in containers, tools/alert-sink/echo-server.mjs (Node.js) as a local process.
        ["alert-sink"] = new(["node", "nodejs"],
            (local, _) => [Path.Combine(RepositoryLayout.Root, "tools", "alert-sink", "echo-server.mjs"),
                "--host", local.Address, "--port", local.Port("http").ToString(CultureInfo.InvariantCulture)]),

        // A shell loop publishing readings with mosquitto_pub (mosquitto-clients); no port, so
        // ready means still running.
        ["device-simulator"] = new(["sh"], (_, command) => command),

        ["loki"] = new(["loki"],
            (_, command) => command,
            // Loki 3's querier worker dials its frontend on server.grpc_listen_address when it is set
            // (grafana/loki pkg/querier/worker_service.go, InitWorkerService), so both listeners can
            // use the service's own address.
            RewriteConfig: (local, text) => ListenOn(text, local.Address)),

        ["tempo"] = new(["tempo"],
            // Tempo has no listen-address flags (only ports): the addresses go into its config.
            (_, command) => command,
            // In single-binary mode (target "all") Tempo forces its ingester and generator ring
            // addresses to 127.0.0.1 (grafana/tempo cmd/tempo/main.go, loadConfig) and, with no
            // frontend address set, dials its query frontend at 127.0.0.1:<grpc_listen_port>
            // (cmd/tempo/app/modules.go, initQuerier): its gRPC must answer on 127.0.0.1, or every
            // push fails with "connection refused". HTTP (the API and readiness) stays on its own address.
            RewriteConfig: (local, text) => ListenOn(text, local.Address, SingleBinaryGrpcAddress),
            // compose.yaml's grpc port (compose/tempo/tempo.yaml's server.grpc_listen_port), held on
            // 127.0.0.1 whatever the loopback block.
            LoopbackPorts: ["grpc"]),

        ["otel-collector"] = new(["otelcol-contrib", "otelcol"],
            // Its listen addresses are in its config, where 0.0.0.0:P becomes the loopback address;
            // the telemetry reader (service.telemetry.metrics.readers[].pull.exporter.prometheus,
            // the OpenTelemetry configuration schema's Prometheus exporter) gives host and port apart.
            (_, command) => command,
            RewriteConfig: (local, text) => Regex.Replace(text,
                @"(\bhost:[ \t]*)([""']?)(?:0\.0\.0\.0|::|localhost|127\.0\.0\.1)\2(?=[ \t]*(?:#.*)?$)", $"${{1}}${{2}}{local.Address}${{2}}", RegexOptions.Multiline)),

        ["alloy"] = new(["alloy"],
            (local, command) => CommandFlags.Set(command, "--server.http.listen-addr", local.Listen("http"))),

        ["grafana"] = new(["grafana", "grafana-server"],
            (local, command) => [
                .. Path.GetFileName(local.Binary) == "grafana" ? new[] { "server" } : [],
                $"--homepath={GrafanaHome(local.Binary)}",
                .. command,
                .. GrafanaOverrides(
                    ("server.http_addr", local.Address),
                    ("paths.data", local.MapPath("/var/lib/grafana")),
                    ("paths.logs", Path.Combine(local.Directory, "logs")),
                    ("paths.plugins", Path.Combine(local.Directory, "plugins")),
                    ("paths.provisioning", local.MapPath("/etc/grafana/provisioning")))]),
    };

    /// <summary>The services with a recipe.</summary>
    public static IReadOnlyCollection<string> Known => Recipes.Keys;

    /// <summary>How to run the service locally, or null when no recipe is known.</summary>
    public static LocalCommand? Local(string service) => Recipes.GetValueOrDefault(service);

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
/// How to run a service as a local process: candidate binary names (first found wins); the full
/// argument list built from compose's command (container paths mapped to local copies); an
/// optional edit of its copied config files; and the named ports it listens on at 127.0.0.1
/// rather than at its own address (LoopbackPorts).
/// </summary>
public sealed record LocalCommand(
    IReadOnlyList<string> Binaries,
    Func<LocalContext, IReadOnlyList<string>, IReadOnlyList<string>> Arguments,
    Func<LocalContext, string, string>? RewriteConfig = null,
    IReadOnlyList<string>? LoopbackPorts = null);

/// <summary>
/// What a local command needs to know: the service's loopback address, the binary found, its run
/// folder, the mapping of a container path to its local copy, and its named ports (compose's).
/// </summary>
public sealed record LocalContext(string Address, string Binary, string Directory, Func<string, string> MapPath, Func<string, int> Port)
{
    /// <summary>"ADDRESS:PORT" of a named port, as listen-address flags take it.</summary>
    public string Listen(string port) => $"{Address}:{Port(port).ToString(CultureInfo.InvariantCulture)}";
}
