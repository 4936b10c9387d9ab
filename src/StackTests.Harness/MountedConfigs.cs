using StackTests.Compose;
using StackTests.Models.Iot;

namespace StackTests.Harness;

/// <summary>The stack's config files as compose mounts them into their services, each read once per process.</summary>
public static class MountedConfigs
{
    private static readonly Lazy<MqttExporterConfig> Mqtt = new(() =>
        MqttExporterConfig.Load(ComposeFile.Load(RepositoryLayout.ComposeFile).HostPath("mqtt-exporter", "/etc/mqtt2prometheus/config.yaml")));

    /// <summary>mqtt2prometheus' config: the topic devices publish on and the metrics it makes of their readings.</summary>
    public static MqttExporterConfig MqttExporter => Mqtt.Value;
}
