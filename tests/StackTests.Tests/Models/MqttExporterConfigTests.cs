using FluentAssertions;
using StackTests.Models.Iot;
using StackTests.Harness;
using Xunit;

namespace StackTests.Tests.Models;

public class MqttExporterConfigTests
{
    private static MqttExporterConfig Stack() => MountedConfigs.MqttExporter;

    [Fact]
    public void Reads_the_topic_and_the_metrics_of_the_stack_s_config()
    {
        var config = Stack();

        config.TopicOf("run-1").Should().Be("devices/run-1/telemetry");
        config.MetricNames.Should().Contain(["device_temperature_celsius", "device_humidity_percent", "device_battery_volts"]);
        config.Producer.Service.Should().Be("mqtt-exporter");
    }

    [Fact]
    public void A_topic_path_without_one_wildcard_level_names_the_file()
    {
        var config = new MqttExporterConfig("config.yaml", "devices/#", []);

        var act = () => config.TopicOf("d");

        act.Should().Throw<InvalidOperationException>().WithMessage("config.yaml: mqtt.topic_path 'devices/#' needs exactly one '+' level*");
    }
}
