using System.Diagnostics;
using System.Globalization;
using StackTests.Harness.Diagnosis;
using StackTests.Models.Iot;

namespace StackTests.Acceptance.Steps;

/// <summary>A device of this run publishes over MQTT; mqtt2prometheus labels its metrics sensor="&lt;run id&gt;".</summary>
[Binding]
public sealed class IotSteps(ScenarioContext scenario, StackContext context)
{
    private Stopwatch? _published;
    private MetricsPage? _before;

    // The topic mqtt2prometheus subscribes to (compose/mqtt-exporter/config.yaml, as compose mounts it).
    private static string Topic => MountedConfigs.MqttExporter.TopicOf(Device);

    private IotPipelineDiagnosis Diagnosis => new(context.Endpoint("mqtt-exporter", "http"), context.Prometheus);

    private static string Device => TestRun.Id;

    // A reading carries every value the IoT dashboard shows, so its panels have data without the simulator.
    [When("a device of this run publishes a temperature of {float}, a humidity of {float} and a battery voltage of {float}")]
    public async Task Publish(double temperature, double humidity, double battery)
    {
        var broker = context.Endpoint("mosquitto", "mqtt");
        // mqtt2prometheus' counters before the reading, for a failure to say where the reading stopped.
        _before = await Diagnosis.CountAsync();
        _published = Stopwatch.StartNew();
        await using var device = new MqttEmitter(broker.Host, broker.Port);
        await device.PublishReadingsAsync(
            Topic, new Dictionary<string, double> { ["temperature"] = temperature, ["humidity"] = humidity, ["battery"] = battery });
    }

    [Then("Prometheus has {string} {float} for that device")]
    public async Task PrometheusHasReading(string metric, double value)
    {
        var query = $"{metric}{{{MqttExporterConfig.DeviceLabel}=\"{Device}\"}}";
        try
        {
            await context.QueryPrometheusUntilAsync(query, $"to be {value.ToString(CultureInfo.InvariantCulture)}",
                samples => samples.Any(s => Math.Abs(s.Value - value) < 1e-9));
        }
        catch (EventuallyTimeoutException e) when (_before is not null)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            throw new EventuallyTimeoutException($"{e.Message}\n  {await Diagnosis.DescribeAsync(_before, Topic, MqttExporterConfig.DeviceLabel, Device, metric, bound.Token)}");
        }
        SignalTimings.Record(scenario, $"MQTT reading in Prometheus ({metric})", _published!.Elapsed);
    }

    // The dashboard file's PromQL, with Grafana's variables substituted by the suite, run on Prometheus:
    // what the panels would show, asked of Prometheus alone (the Grafana scenario asks Grafana).
    [Then("every Prometheus query of the {string} dashboard returns data from Prometheus, one with that device in it")]
    public async Task DashboardQueriesShowDevice(string uid)
    {
        var queries = ProvisionedDashboards.PrometheusQueriesOf(uid);
        var results = await PanelQueryPolling.FromPrometheusAsync(context.Prometheus, queries, scenario.Output);
        results.Should().Contain(r => r.Samples.Any(s => s.Labels.GetValueOrDefault(MqttExporterConfig.DeviceLabel) == Device),
            "a panel of the dashboard shows the device of this run");
        await DashboardMetrics.RequireAsync(context.Prometheus, queries, scenario.Output);
    }

    // Through Grafana: the provisioned dashboard, its own datasources, Grafana's interpolation (/api/ds/query).
    [Then("every panel query of the {string} dashboard returns data through Grafana, one with that device in it")]
    public async Task GrafanaShowsDevice(string uid)
    {
        var grafana = context.Grafana;
        var dashboard = await grafana.DashboardAsync(uid);
        var queries = DashboardPanelQueries.For(dashboard, await grafana.DatasourcesAsync());
        queries.Should().NotBeEmpty($"dashboard {uid} has panel queries");
        queries.Where(q => q.Query is null).Should().BeEmpty("every panel target of the dashboard becomes a Grafana query");
        var outcomes = await PanelQueryPolling.ThroughGrafanaAsync(grafana, queries, scenario.Output);
        outcomes.Should().Contain(o => o.Series.Any(labels => labels.GetValueOrDefault(MqttExporterConfig.DeviceLabel) == Device),
            "a panel of dashboard {0} shows device {1}", uid, Device);
    }
}
