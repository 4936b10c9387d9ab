using System.Diagnostics;
using System.Globalization;

namespace StackTests.Acceptance.Steps;

/// <summary>A device of this run publishes over MQTT; mqtt2prometheus labels its metrics sensor="&lt;run id&gt;".</summary>
[Binding]
public sealed class IotSteps(ScenarioContext scenario, StackContext context)
{
    private const string DeviceLabel = "sensor";
    private Stopwatch? _published;

    private static string Device => TestRun.Id;

    // A reading carries every value the IoT dashboard shows, so its panels have data without the simulator.
    [When("a device of this run publishes a temperature of {float}, a humidity of {float} and a battery voltage of {float}")]
    public async Task Publish(double temperature, double humidity, double battery)
    {
        var broker = context.Endpoint("mosquitto", "mqtt");
        _published = Stopwatch.StartNew();
        // The topic mqtt2prometheus subscribes to (compose/mqtt-exporter/config.yaml): devices/<id>/telemetry.
        await new MqttEmitter(broker.Host, broker.Port).PublishReadingsAsync(
            $"devices/{Device}/telemetry", new Dictionary<string, double> { ["temperature"] = temperature, ["humidity"] = humidity, ["battery"] = battery });
    }

    [Then("Prometheus has {string} {float} for that device")]
    public async Task PrometheusHasReading(string metric, double value)
    {
        var query = $"{metric}{{{DeviceLabel}=\"{Device}\"}}";
        await context.QueryPrometheusUntilAsync(query, $"to be {value.ToString(CultureInfo.InvariantCulture)}",
            samples => samples.Any(s => Math.Abs(s.Value - value) < 1e-9));
        SignalTimings.Record(scenario, $"MQTT reading in Prometheus ({metric})", _published!.Elapsed);
    }

    [Then("every Prometheus query of the {string} dashboard returns data, with that device in it")]
    public async Task DashboardShowsDevice(string uid)
    {
        var results = await DashboardQueries.RunUntilDataAsync(context, scenario, PrometheusPanelQueries.FromFile(DashboardQueries.FileOf(uid)));
        results.Should().Contain(r => r.Samples.Any(s => s.Labels.GetValueOrDefault(DeviceLabel) == Device),
            "a panel of the dashboard shows the device of this run");
    }
}
