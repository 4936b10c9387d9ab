namespace StackTests.Tests.Lint;

/// <summary>
/// Defects in the contracts between components: a path a config reads that no mount provides
/// (one per kind of component that reads paths), a metric a panel or rule reads that nothing produces.
/// </summary>
public static class ContractMutations
{
    public static readonly Mutation[] Mounts =
    [
        new("alloy without the docker socket", "compose.yaml", @"\n      - /var/run/docker\.sock:/var/run/docker\.sock:ro", "",
            "mount-missing", "discovery.docker.containers host is '/var/run/docker.sock', which no volume or bind mount of service 'alloy'", "alloy/config.alloy"),
        new("prometheus file_sd outside its mounts", "prometheus/prometheus.yml", @"^scrape_configs:\n",
            "scrape_configs:\n  - job_name: apps\n    file_sd_configs:\n      - files: [/etc/prometheus-targets/*.json]\n",
            "mount-missing", "file_sd_configs of job 'apps' is '/etc/prometheus-targets/*.json', which no volume or bind mount of service 'prometheus'"),
        new("alertmanager credentials file outside its mounts", "alertmanager/alertmanager.yml", @"(\n        send_resolved: true)",
            "$1\n        http_config:\n          authorization:\n            credentials_file: /run/secrets/alert-sink-token",
            "mount-missing", "credentials_file is '/run/secrets/alert-sink-token', which no volume or bind mount of service 'alertmanager'"),
        // Only mosquitto.conf itself is mounted into /mosquitto/config: a password file beside it is not there.
        new("mosquitto password file beside its mounted config", "mosquitto/mosquitto.conf", @"^allow_anonymous true$",
            "allow_anonymous false\npassword_file /mosquitto/config/passwd",
            "mount-missing", "password_file is '/mosquitto/config/passwd', which no volume or bind mount of service 'mosquitto'"),
        new("collector TLS file outside its mounts", "otel-collector/config.yaml", @"(endpoint: tempo:4317\n    tls:\n)      insecure: true",
            "${1}      ca_file: /etc/otelcol-contrib/tempo-ca.pem",
            "mount-missing", "ca_file is '/etc/otelcol-contrib/tempo-ca.pem', which no volume or bind mount of service 'otel-collector'"),
        new("grafana provisioning mounted in the wrong folder", "compose.yaml", @"\./grafana/provisioning:/etc/grafana/provisioning:ro",
            "./grafana/provisioning:/etc/grafana/provision:ro",
            "mount-missing", "Grafana reads this kind of file from /etc/grafana/provisioning/datasources, and service 'grafana' sees this file at /etc/grafana/provision/datasources/datasources.yaml",
            "grafana/provisioning/datasources/datasources.yaml"),
    ];

    public static readonly Mutation[] Metrics =
    [
        new("panel reads a metric nothing produces", "grafana/dashboards/infrastructure-overview.json", @"""expr"": ""node_load1""",
            @"""expr"": ""nonexistent_metric_total""",
            "metric-unproduced", "reads metric 'nonexistent_metric_total': no component of the stack produces it"),
        new("alert reads a component no job scrapes", "prometheus/prometheus.yml", @"  - job_name: alloy\n    static_configs:\n      - targets: \[""alloy:12345""\]\n", "",
            "metric-unproduced", "alerting rule 'AlloyDroppingLogEntries' reads metric 'loki_write_dropped_entries_total': it comes from alloy, which no scrape job of prometheus.yml targets",
            "prometheus/rules/stack-alerts.yml"),
        new("panel reads an mqtt metric the exporter's config renames", "mqtt-exporter/config.yaml", @"prom_name: device_battery_volts", "prom_name: device_battery_voltage",
            "metric-unproduced", "reads metric 'device_battery_volts': no component of the stack produces it", "grafana/dashboards/iot-devices-mqtt.json"),
    ];

    public static TheoryData<Mutation> MountData => new(Mounts);

    public static TheoryData<Mutation> MetricData => new(Metrics);
}
