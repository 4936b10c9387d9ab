namespace StackTests.Tests.Lint;

/// <summary>The defects the config checks must catch, one per check at least.</summary>
public static class Mutations
{
    private const string ComposeFile = "compose.yaml";
    private const string PrometheusConfig = "prometheus/prometheus.yml";
    private const string Rules = "prometheus/rules/stack-alerts.yml";
    private const string Datasources = "grafana/provisioning/datasources/datasources.yaml";
    private const string Health = "grafana/dashboards/observability-stack-health.json";
    private const string Apm = "grafana/dashboards/application-performance.json";
    private const string Infra = "grafana/dashboards/infrastructure-overview.json";
    private const string Collector = "otel-collector/config.yaml";

    public static readonly Mutation[] Compose =
    [
        new("port on all interfaces", ComposeFile, @"""127\.0\.0\.1:9090:9090""", @"""9090:9090""", "compose-port-loopback", "port 9090 on all interfaces"),
        new("port on 0.0.0.0", ComposeFile, @"""127\.0\.0\.1:3000:3000""", @"""0.0.0.0:3000:3000""", "compose-port-loopback", "port 3000 on 0.0.0.0"),
        new("dependency on no service", ComposeFile, @"depends_on: \[tempo, loki\]", "depends_on: [tempo, lokii]", "compose-depends-on", "depends on 'lokii', which is no service"),
        new("no remote-write receiver", ComposeFile, @"\n      - --web\.enable-remote-write-receiver", "", "tempo-remote-write", "only when started with --web.enable-remote-write-receiver", "tempo/tempo.yaml"),
        new("one host port twice", ComposeFile, @"""127\.0\.0\.1:9093:9093""", @"""127.0.0.1:9090:9093""", "compose-port-conflict", "publishes 127.0.0.1:9090, which 'prometheus' publishes already"),
        new("latest tag", ComposeFile, @"image: grafana/loki:[^\s]+", "image: grafana/loki:latest", "compose-image-tag", "'grafana/loki:latest' is not pinned"),
        new("missing tag", ComposeFile, @"image: prom/node-exporter:[^\s]+", "image: prom/node-exporter", "compose-image-tag", "has no tag"),
        new("docker socket read-write", ComposeFile, @"/var/run/docker\.sock:/var/run/docker\.sock:ro", "/var/run/docker.sock:/var/run/docker.sock", "compose-docker-socket", "'alloy' mounts the Docker socket read-write"),
        new("docker socket in grafana", ComposeFile, @"(- grafana-data:/var/lib/grafana)", "$1\n      - /var/run/docker.sock:/var/run/docker.sock:ro", "compose-docker-socket", "'grafana' mounts the Docker socket"),
        new("undeclared named volume", ComposeFile, @"^  loki-data:\n", "", "compose-named-volume", "volume 'loki-data'"),
        new("missing bind-mount source", ComposeFile, @"\./tempo/tempo\.yaml:", "./tempo/tempo.yml:", "compose-bind-source", "'./tempo/tempo.yml', which does not exist"),
        new("wrong profile", ComposeFile, @"(mqtt2prometheus:[^\n]+\n\s+profiles: )\[iot\]", "$1[core]", "compose-profile", "'mqtt-exporter' must be in profile 'iot'"),
        new("port that is not a number", ComposeFile, @"""127\.0\.0\.1:9093:9093""", @"""127.0.0.1:9093:am""", "compose-syntax", "'am' is not a port number"),
        new("required service renamed", ComposeFile, @"^  alertmanager:$", "  alert-manager:", "compose-required-service", "service 'alertmanager' is missing"),
    ];

    public static readonly Mutation[] Prometheus =
    [
        new("scrape target wrong port", PrometheusConfig, @"""loki:3100""", @"""loki:3101""", "prometheus-scrape-target", "does not listen on port 3101"),
        new("scrape target unknown host", PrometheusConfig, @"""node-exporter:9100""", @"""nodeexporter:9100""", "prometheus-scrape-target", "'nodeexporter' is not a service"),
        new("alerting to the wrong service", PrometheusConfig, @"(alertmanagers:\s+- static_configs:\s+- targets: \[)""alertmanager:9093""", @"$1""prometheus:9090""", "prometheus-alerting-target", "is not the alertmanager service"),
        new("unknown config field", PrometheusConfig, @"^  scrape_interval: 15s$", "  scrape_interval: 15s\n  scrape_timout: 10s", "prometheus-config", "scrape_timout"),
        new("rule files match nothing", PrometheusConfig, @"- rules/\*\.yml", "- alerts/*.yml", "prometheus-rule-files", "matches no file"),
        new("broken alert rule", Rules, @"expr: up == 0", "expr: up == ", "prometheus-rules", "parse"),
        new("failing promtool rule test", Rules, @"(alert: TargetDown\s+expr: up == 0\s+for: )1m", "${1}5m", "prometheus-rule-tests", "TargetDown", "prometheus/tests/stack-alerts.test.yml"),
        new("alertmanager webhook to the wrong port", "alertmanager/alertmanager.yml", @"url: http://alert-sink:8080/", "url: http://alert-sink:9099/", "alertmanager-receiver-url", "does not listen on port 9099"),
        new("bad alertmanager route", "alertmanager/alertmanager.yml", @"^  receiver: alert-sink$", "  receiver: alert-snk", "alertmanager-config", "undefined receiver \"alert-snk\""),
    ];

    public static readonly Mutation[] Grafana =
    [
        // datasources
        new("wrong datasource uid", Datasources, @"uid: loki$", "uid: loki-logs", "datasource-uid", "has uid 'loki-logs'; it must be 'loki'"),
        new("dangling datasource reference", Datasources, @"(exemplarTraceIdDestinations:\s+- name: trace_id\s+datasourceUid: )tempo", "${1}jaeger", "datasource-reference", "datasourceUid 'jaeger' is not the uid"),
        new("derived field regex with inline flag", Datasources, @"matcherRegex: '", "matcherRegex: '(?i)", "datasource-derived-field", "'(?i)', which JavaScript's RegExp rejects"),
        new("datasource url wrong port", Datasources, @"url: http://loki:3100", "url: http://loki:3110", "datasource-url", "does not listen on port 3110"),
        new("dashboard provider path not mounted", "grafana/provisioning/dashboards/dashboards.yaml", @"path: /etc/grafana/dashboards", "path: /var/lib/grafana/dashboards", "dashboard-provider", "not inside any bind mount"),

        // Grafana dashboards
        new("missing dashboard title", Infra, @"""title"": ""Infrastructure Overview""", @"""title"": ""Infra""", "dashboard-required", "must have the title 'Infrastructure Overview'"),
        new("duplicate dashboard uid", Infra, @"""uid"": ""infrastructure-overview""", @"""uid"": ""application-performance""", "dashboard-uid", "is also used by"),
        new("panel without title", Apm, @"""title"": ""Requests /s by service""", @"""title"": """"", "panel-title", "has no title"),
        new("panel datasource uid not provisioned", Apm, @"""uid"": ""prometheus""", @"""uid"": ""prometheus-main""", "panel-datasource", "uid 'prometheus-main' is not provisioned"),
        new("panel datasource by name", Apm, @"""datasource"": \{\s*""type"": ""prometheus"",\s*""uid"": ""prometheus""\s*\}", @"""datasource"": ""Prometheus""", "panel-datasource-uid", "by name"),
        new("panel without targets", Infra, @"""targets"": \[", @"""targets_off"": [", "panel-no-targets", "has no targets"),
        new("counter without rate", Health, @"sum\(rate\(prometheus_tsdb_head_samples_appended_total\[\$__rate_interval\]\)\)", "sum(prometheus_tsdb_head_samples_appended_total)", "query-counter-agg", "counter 'prometheus_tsdb_head_samples_appended_total'"),
        new("missing $__rate_interval", Health, @"\[\$__rate_interval\]", "[5m]", "query-rate-interval", "use [$__rate_interval]"),
        // In a replacement "$$" stands for "$" ("$_" would insert the whole file).
        new("$__rate_interval in LogQL", Apm, @"\[\$__auto\]", "[$$__rate_interval]", "query-logql-rate-interval", "use $__auto"),
        new("bad PromQL", Infra, @"1 - avg by \(instance\)", "1 - avg by (instance", "query-syntax", "PromQL syntax error"),
        new("bad LogQL", Apm, @"""expr"": ""\{service_name=~\\""\.\+\\""\} \|~", @"""expr"": ""{service_name=~\"".+\"" |~", "query-syntax", "LogQL syntax error"),
        new("bad TraceQL", Apm, @"""query"": ""\{ status = error \}""", @"""query"": ""{ status = }""", "query-syntax", "TraceQL syntax error"),
        new("broken dashboard JSON", Apm, @"""refId"": ""A"",", @"""refId"": ""A""", "json-syntax", ""),
    ];

    /// <summary>OpenTelemetry Collector, Tempo, Loki, Alloy, Mosquitto, mqtt2prometheus.</summary>
    public static readonly Mutation[] Pipeline =
    [
        new("collector exporter to wrong host", Collector, @"endpoint: tempo:4317", "endpoint: tempo-server:4317", "collector-exporter-endpoint", "'tempo-server' is not a service"),
        new("tempo receiver port mismatch", "tempo/tempo.yaml", @"endpoint: 0\.0\.0\.0:4317", "endpoint: 0.0.0.0:4319", "collector-exporter-endpoint", "service 'tempo' does not listen on port 4317", Collector),
        new("collector receiver port not published", Collector, @"endpoint: 0\.0\.0\.0:4318", "endpoint: 0.0.0.0:4319", "collector-receiver-port", "listens on port 4319, which compose does not publish"),
        new("collector pipeline dangling exporter", Collector, @"exporters: \[otlp_http/loki\]", "exporters: [otlp_http/lokii]", "collector-pipeline", "exporter 'otlp_http/lokii'"),
        new("tempo without OTLP receiver", "tempo/tempo.yaml", @"^distributor:\n  receivers:\n    otlp:", "distributor:\n  receivers:\n    jaeger:", "tempo-receiver", "no OTLP receiver"),
        new("tempo remote write to wrong port", "tempo/tempo.yaml", @"url: http://prometheus:9090/api/v1/write", "url: http://prometheus:9091/api/v1/write", "tempo-remote-write", "does not listen on port 9091"),
        new("loki http port not published", "loki/loki.yaml", @"http_listen_port: 3100", "http_listen_port: 3101", "loki-http-port", "port 3101, which compose does not publish"),
        new("alloy dangling reference", "alloy/config.alloy", @"forward_to = \[loki\.write\.(\w+)\.receiver\]", "forward_to = [loki.write.nowhere.receiver]", "alloy-unresolved-reference", "nowhere"),
        new("alloy pushes to the wrong Loki port", "alloy/config.alloy", @"url = ""http://loki:3100/", @"url = ""http://loki:3101/", "alloy-loki-endpoint", "3101"),
        new("mosquitto listener not published", "mosquitto/mosquitto.conf", @"^listener 1883", "listener 1884", "mosquitto-listener", "listener 1884 is not a port compose publishes"),
        new("mqtt exporter subscribes to the wrong broker", "mqtt-exporter/config.yaml", @"server: tcp://mosquitto:1883", "server: tcp://mqtt:1883", "mqtt-exporter-broker", "'mqtt' is not a service"),
        new("mqtt exporter metric without a name", "mqtt-exporter/config.yaml", @"prom_name: device_humidity_percent", "prom_name: \"\"", "mqtt-exporter-metric", "needs both prom_name and mqtt_name"),
        new("broken YAML", "loki/loki.yaml", @"^  http_listen_port: 3100$", "  http_listen_port: [3100", "yaml-syntax", ""),
    ];

    public static Mutation[] All => [.. Compose, .. Prometheus, .. Grafana, .. Pipeline];

    public static TheoryData<Mutation> ComposeData => new(Compose);
    public static TheoryData<Mutation> PrometheusData => new(Prometheus);
    public static TheoryData<Mutation> GrafanaData => new(Grafana);
    public static TheoryData<Mutation> PipelineData => new(Pipeline);
}
