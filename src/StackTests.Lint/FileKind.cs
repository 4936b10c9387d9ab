using YamlDotNet.RepresentationModel;
using StackTests.Models.Documents;

namespace StackTests.Lint;

/// <summary>The kinds of file the linter knows, recognised from a file's name and content.</summary>
public enum FileKind
{
    Unknown,
    Compose,
    Alloy,
    Dashboard,
    DatasourceProvisioning,
    DashboardProvisioning,
    PrometheusConfig,
    PrometheusRules,
    PrometheusRuleTests,
    AlertmanagerConfig,
    CollectorConfig,
    TempoConfig,
    LokiConfig,
    MosquittoConfig,
    MqttExporterConfig,
}

public static class FileKinds
{
    /// <summary>What a file is. A YAML or JSON file that does not parse is Unknown; its syntax check says why.</summary>
    public static FileKind Detect(string path, string text)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        var extension = Path.GetExtension(name);
        if (extension == ".alloy") return FileKind.Alloy;
        if (name is "compose.yaml" or "compose.yml" or "docker-compose.yaml" or "docker-compose.yml") return FileKind.Compose;
        if (extension == ".json") return IsDashboard(text) ? FileKind.Dashboard : FileKind.Unknown;
        if (Iot.MosquittoChecks.IsMosquittoConfig(path, text)) return FileKind.MosquittoConfig;
        if (extension is not (".yml" or ".yaml")) return FileKind.Unknown;

        YamlMappingNode root;
        try { root = YamlDoc.Parse(text); }
        catch (YamlSyntaxException) { return FileKind.Unknown; }
        bool Has(string key) => root.Get(key) is not null;
        if (Has("services")) return FileKind.Compose;
        if (Has("datasources")) return FileKind.DatasourceProvisioning;
        if (Has("providers")) return FileKind.DashboardProvisioning;
        if (Has("tests") && Has("rule_files")) return FileKind.PrometheusRuleTests;
        if (Has("groups")) return FileKind.PrometheusRules;
        if (Has("scrape_configs") || Has("rule_files") || root.Get("alerting") is YamlMappingNode { } a && a.Get("alertmanagers") is not null)
            return FileKind.PrometheusConfig;
        if (Has("route") || root.Get("receivers") is YamlSequenceNode) return FileKind.AlertmanagerConfig;
        if (Has("receivers") && Has("exporters")) return FileKind.CollectorConfig;
        if (Has("distributor") || root.At("storage", "trace") is not null) return FileKind.TempoConfig;
        if (Has("mqtt") && Has("metrics")) return FileKind.MqttExporterConfig;
        if (Has("schema_config") || Has("limits_config") || Has("ingester") && Has("common")) return FileKind.LokiConfig;
        return FileKind.Unknown;
    }

    private static bool IsDashboard(string text)
    {
        try
        {
            return JsonReader.Parse(text) is JsonObject o
                && (o["panels"] is not null || o["rows"] is not null || o["dashboard"] is JsonObject);
        }
        catch (JsonSyntaxException)
        {
            return false;
        }
    }

    /// <summary>A one-line list of what the linter recognises, for the unknown-kind message.</summary>
    public const string Known =
        "compose.yaml, *.alloy, Grafana dashboard JSON, Grafana datasource or dashboard provisioning YAML, " +
        "Prometheus config, Prometheus rules, promtool rule tests, Alertmanager config, OpenTelemetry Collector config, Tempo config, Loki config, mosquitto.conf, mqtt2prometheus config";
}
