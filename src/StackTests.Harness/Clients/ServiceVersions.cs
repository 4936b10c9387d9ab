using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace StackTests.Harness.Clients;

/// <summary>
/// The version each service reports about itself, asked once per run and service: its build-info or
/// status endpoint, or the version label of its own build-info metric. Where a service reports none,
/// the answer says so. Endpoints, from each component's source:
/// Prometheus GET /api/v1/status/buildinfo (web/api/v1/api.go, data.version);
/// Alertmanager GET /api/v2/status (api/v2/openapi.yaml, versionInfo.version);
/// Loki GET /loki/api/v1/status/buildinfo and Tempo GET /api/status/buildinfo (cmd/tempo/app/app.go
/// buildinfoHandler; both prometheus/common version info as JSON, version); Grafana GET /api/health (pkg/api/health.go, version);
/// Pushgateway, node exporter and Alloy: the version label of pushgateway_build_info,
/// node_exporter_build_info, alloy_build_info on their /metrics (prometheus/common version.NewCollector);
/// the Collector: the service_version label its own metrics carry (service/telemetry resource attributes);
/// Mosquitto: its retained $SYS/broker/version message (MqttBrokerVersion).
/// </summary>
public static class ServiceVersions
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Cache = new(StringComparer.Ordinal);

    private enum Kind { Json, Metrics }

    // service -> (port name, path, how to read the answer)
    private static readonly IReadOnlyDictionary<string, (string Port, string Path, Kind Kind, string[] Field)> Sources =
        new Dictionary<string, (string, string, Kind, string[])>
        {
            ["prometheus"] = ("http", "api/v1/status/buildinfo", Kind.Json, ["data", "version"]),
            ["alertmanager"] = ("http", "api/v2/status", Kind.Json, ["versionInfo", "version"]),
            ["loki"] = ("http", "loki/api/v1/status/buildinfo", Kind.Json, ["version"]),
            ["tempo"] = ("http", "api/status/buildinfo", Kind.Json, ["version"]),
            ["grafana"] = ("http", "api/health", Kind.Json, ["version"]),
            ["pushgateway"] = ("http", "metrics", Kind.Metrics, ["pushgateway_build_info"]),
            ["node-exporter"] = ("http", "metrics", Kind.Metrics, ["node_exporter_build_info"]),
            ["alloy"] = ("http", "metrics", Kind.Metrics, ["alloy_build_info"]),
            ["mqtt-exporter"] = ("http", "metrics", Kind.Metrics, ["mqtt2prometheus_build_info"]),
            ["otel-collector"] = ("metrics", "metrics", Kind.Metrics, ["otelcol_process_uptime_seconds_total", "otelcol_process_uptime", "target_info"]),
        };

    /// <summary>
    /// "version 3.5.3", or why no version is known ("reports no version: ..."). Asked once per run
    /// and base URL; a failed question is not asked again either.
    /// </summary>
    public static Task<string> OfAsync(string service, IStackAccess stack)
    {
        if (service == "mosquitto") return BrokerVersionAsync(stack);
        if (!Sources.TryGetValue(service, out var source)) return Task.FromResult("reports no version (the suite knows no version endpoint of it)");
        Uri baseUrl;
        try { baseUrl = stack.Endpoint(service, source.Port); }
        catch (InvalidOperationException e) { return Task.FromResult($"version not asked: {e.Message}"); }
        return Cache.GetOrAdd($"{service} {baseUrl}", _ => new Lazy<Task<string>>(() => AskAsync(service, baseUrl, source))).Value;
    }

    // Mosquitto speaks MQTT only: its version is a retained $SYS message.
    private static Task<string> BrokerVersionAsync(IStackAccess stack)
    {
        Uri broker;
        try { broker = stack.Endpoint("mosquitto", "mqtt"); }
        catch (InvalidOperationException e) { return Task.FromResult($"version not asked: {e.Message}"); }
        return Cache.GetOrAdd($"mosquitto {broker}", _ => new Lazy<Task<string>>(async () =>
            await MqttBrokerVersion.AskAsync(broker.Host, broker.Port, Timeout) is { } version
                ? $"version {version.Replace("mosquitto version ", "", StringComparison.Ordinal)}"
                : $"reports no version (no {MqttBrokerVersion.Topic} message within {Timeout.TotalSeconds:0} s)")).Value;
    }

    private static async Task<string> AskAsync(string service, Uri baseUrl, (string Port, string Path, Kind Kind, string[] Field) source)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            using var client = ApiCall.Client(baseUrl, Timeout);
            var body = await ApiCall.GetStringAsync(service, client.Request(source.Path), cancel.Token);
            var version = source.Kind == Kind.Json ? FromJson(body, source.Field) : FromMetrics(body, source.Field);
            return version is null
                ? $"reports no version (GET {source.Path} has no {string.Join(" or ", source.Field)}{(source.Kind == Kind.Metrics ? " version label" : "")})"
                : $"version {version}";
        }
        catch (Exception e) when (e is ApiException or JsonException or OperationCanceledException)
        {
            return $"version unknown: GET {source.Path} failed ({e.Message})";
        }
    }

    /// <summary>The string at the path of properties, or null.</summary>
    public static string? FromJson(string body, IReadOnlyList<string> path)
    {
        using var document = JsonDocument.Parse(body);
        var element = document.RootElement;
        foreach (var name in path) element = JsonRead.Property(element, name);
        return element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text ? text : null;
    }

    /// <summary>The version label (or service_version, as the Collector names it) of the first series of the first metric named that has one.</summary>
    public static string? FromMetrics(string exposition, IReadOnlyList<string> metrics)
    {
        foreach (var metric in metrics)
        {
            var series = new Regex($"^{Regex.Escape(metric)}\\{{([^}}]*)\\}}", RegexOptions.Multiline).Match(exposition);
            if (!series.Success) continue;
            var label = Regex.Match(series.Groups[1].Value, "(?:^|,)\\s*(?:service_version|version)=\"([^\"]+)\"");
            if (label.Success) return label.Groups[1].Value;
        }
        return null;
    }
}
