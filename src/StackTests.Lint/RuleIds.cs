namespace StackTests.Lint;

/// <summary>
/// The stable ids of every rule, as printed in findings. README.md of this project
/// describes each one; tests match on them, so never rename one.
/// </summary>
public static class RuleIds
{
    // Any file
    public const string YamlSyntax = "yaml-syntax";
    public const string JsonSyntax = "json-syntax";
    public const string UnknownKind = "unknown-kind";
    public const string Unreadable = "unreadable";
    public const string ToolMissing = "tool-missing";

    // compose.yaml
    public const string ComposeSyntax = "compose-syntax";
    public const string ComposeRequiredService = "compose-required-service";
    public const string ComposeProfile = "compose-profile";
    public const string ComposeImageTag = "compose-image-tag";
    public const string ComposePortLoopback = "compose-port-loopback";
    public const string ComposeDockerSocket = "compose-docker-socket";
    public const string ComposeNamedVolume = "compose-named-volume";
    public const string ComposeBindSource = "compose-bind-source";
    public const string ComposeDependsOn = "compose-depends-on";
    public const string ComposePortConflict = "compose-port-conflict";

    // Contracts between components
    public const string MountMissing = "mount-missing";
    public const string MetricUnproduced = "metric-unproduced";

    // Prometheus and Alertmanager
    public const string PrometheusConfig = "prometheus-config";
    public const string PrometheusRules = "prometheus-rules";
    public const string PrometheusRuleTests = "prometheus-rule-tests";
    public const string AlertmanagerConfig = "alertmanager-config";
    public const string AlertmanagerReceiverUrl = "alertmanager-receiver-url";
    public const string PrometheusScrapeTarget = "prometheus-scrape-target";
    public const string PrometheusAlertingTarget = "prometheus-alerting-target";
    public const string PrometheusRuleFiles = "prometheus-rule-files";

    // Grafana datasources
    public const string DatasourceUid = "datasource-uid";
    public const string DatasourceReference = "datasource-reference";
    public const string DatasourceUrl = "datasource-url";
    public const string DatasourceDerivedField = "datasource-derived-field";

    // Grafana dashboards
    public const string DashboardUid = "dashboard-uid";
    public const string DashboardRequired = "dashboard-required";
    public const string DashboardProvider = "dashboard-provider";
    public const string PanelTitle = "panel-title";
    public const string PanelNoTargets = "panel-no-targets";
    public const string PanelDatasource = "panel-datasource";
    public const string PanelDatasourceUid = "panel-datasource-uid";
    public const string QuerySyntax = "query-syntax";
    public const string QueryRateInterval = "query-rate-interval";
    public const string QueryLogqlRateInterval = "query-logql-rate-interval";
    public const string QueryCounterAgg = "query-counter-agg";

    // Loki, Tempo, OpenTelemetry Collector
    public const string CollectorPipeline = "collector-pipeline";
    public const string CollectorExporterEndpoint = "collector-exporter-endpoint";
    public const string CollectorReceiverPort = "collector-receiver-port";
    public const string TempoReceiver = "tempo-receiver";
    public const string TempoRemoteWrite = "tempo-remote-write";
    public const string LokiHttpPort = "loki-http-port";

    // Regular expressions the components compile with Go's RE2
    public const string RegexRe2 = "regex-re2";

    // Wiring between containers: each service loads, the pipeline between them is broken
    public const string ListenLoopback = "listen-loopback";
    public const string TenantMissing = "tenant-missing";
    public const string OtlpHttpPath = "otlp-http-path";
    public const string ComposeConfigPath = "compose-config-path";
    public const string LokiStructuredMetadata = "loki-structured-metadata";
    public const string DatasourceDefault = "datasource-default";

    // IoT profile: Mosquitto and mqtt2prometheus
    public const string MosquittoListener = "mosquitto-listener";
    public const string MqttExporterBroker = "mqtt-exporter-broker";
    public const string MqttExporterMetric = "mqtt-exporter-metric";
}
