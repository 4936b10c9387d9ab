using StackTests.Models.Documents;
using StackTests.Models.Metrics;
using YamlDotNet.RepresentationModel;

namespace StackTests.Models.Iot;

/// <summary>
/// mqtt2prometheus' config (compose/mqtt-exporter/config.yaml): the topics it subscribes to and the
/// metrics it makes of the readings published there.
/// </summary>
public sealed record MqttExporterConfig(string Path, string? TopicPath, IReadOnlyList<string> MetricNames)
{
    /// <summary>
    /// The label that carries the device id on every reading's series, beside "topic": fixed by mqtt2prometheus,
    /// not by its config (hikhvar/mqtt2prometheus pkg/config/config.go, MetricConfig.PrometheusDescription).
    /// </summary>
    public const string DeviceLabel = "sensor";

    public static MqttExporterConfig FromYaml(YamlMappingNode root, string path) =>
        new(path, root.At("mqtt", "topic_path") is YamlScalarNode topic ? topic.Value : null,
            [.. root.Seq("metrics").OfType<YamlMappingNode>().Select(m => m.Str("prom_name")).OfType<string>()]);

    /// <summary>Reads the config file; a file that does not parse is an error naming it and the line.</summary>
    public static MqttExporterConfig Load(string path)
    {
        try { return FromYaml(YamlDoc.Parse(File.ReadAllText(path)), path); }
        catch (YamlSyntaxException e) { throw new InvalidOperationException($"{path}:{e.Line}:{e.Column}: {e.Message}", e); }
    }

    /// <summary>
    /// The topic a device publishes its readings on: topic_path with its one single-level wildcard as the device id
    /// (devices/+/telemetry: devices/&lt;id&gt;/telemetry).
    /// </summary>
    public string TopicOf(string device) =>
        TopicPath is { } path && path.Split('/').Count(level => level == "+") == 1 && !path.Contains('#')
            ? string.Join('/', path.Split('/').Select(level => level == "+" ? device : level))
            : throw new InvalidOperationException($"{Path}: mqtt.topic_path '{TopicPath}' needs exactly one '+' level for the device id");

    /// <summary>The metric names of the config, as a producer: mqtt2prometheus makes them of the readings.</summary>
    public MetricProducer Producer => new("mqtt-exporter config", [], [], [.. MetricNames], false, $"{Path}: prom_name");
}
