using StackTests.Compose;
using StackTests.Models.Iot;

namespace StackTests.Harness;

/// <summary>
/// The stack's config files as compose mounts them into their services: the host paths compose.yaml
/// binds at each service's config path, so a test reads what the service reads.
/// </summary>
public static class MountedConfigs
{
    /// <summary>prometheus.yml, as mounted into the prometheus service (its --config.file).</summary>
    public static string PrometheusConfig => Path.Combine(HostPath("prometheus", "/etc/prometheus"), "prometheus.yml");

    /// <summary>The folder compose mounts at Grafana's dashboards path.</summary>
    public static string DashboardFolder => HostPath("grafana", "/etc/grafana/dashboards");

    /// <summary>The datasources folder of what compose mounts at Grafana's provisioning path.</summary>
    public static string DatasourcesFolder => Path.Combine(HostPath("grafana", "/etc/grafana/provisioning"), "datasources");

    private static readonly Lazy<MqttExporterConfig> Mqtt = new(() =>
        MqttExporterConfig.Load(HostPath("mqtt-exporter", "/etc/mqtt2prometheus/config.yaml")));

    /// <summary>mqtt2prometheus' config, read once per process: the topic devices publish on and the metrics it makes of their readings.</summary>
    public static MqttExporterConfig MqttExporter => Mqtt.Value;

    /// <summary>The host path compose bind-mounts at a container path of a service.</summary>
    public static string HostPath(string service, string containerPath) =>
        ComposeFile.Load(RepositoryLayout.ComposeFile).HostPath(service, containerPath);
}
