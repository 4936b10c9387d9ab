using StackTests.Harness;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

public sealed class DependencyOrderTests
{
    private static readonly Dictionary<string, string[]> DependsOn = new()
    {
        ["mosquitto"] = [], ["mqtt-exporter"] = ["mosquitto"], ["device-simulator"] = ["mosquitto"], ["prometheus"] = [],
    };

    [Fact]
    public async Task A_service_starts_after_its_dependencies_and_independent_ones_together()
    {
        var log = new List<string>();
        var mosquittoMayFinish = new TaskCompletionSource();
        var failures = await DependencyOrder.StartAllAsync(DependsOn.Keys, s => DependsOn[s], async service =>
        {
            lock (log) log.Add($"start {service}");
            if (service == "mosquitto") await mosquittoMayFinish.Task;
            if (service == "prometheus") mosquittoMayFinish.SetResult(); // only possible if both run at once
            lock (log) log.Add($"ready {service}");
        });
        failures.Should().BeEmpty();
        log.IndexOf("start mqtt-exporter").Should().BeGreaterThan(log.IndexOf("ready mosquitto"));
        log.IndexOf("start device-simulator").Should().BeGreaterThan(log.IndexOf("ready mosquitto"));
    }

    [Fact]
    public async Task When_a_dependency_fails_its_dependents_are_not_started_and_each_is_reported()
    {
        var started = new List<string>();
        var failures = await DependencyOrder.StartAllAsync(DependsOn.Keys, s => DependsOn[s], service =>
        {
            lock (started) started.Add(service);
            return service == "mosquitto" ? throw new StackStartException("mosquitto exited with code 3") : Task.CompletedTask;
        });
        started.Should().BeEquivalentTo("mosquitto", "prometheus");
        failures.Should().BeEquivalentTo(
            "mosquitto exited with code 3",
            "mqtt-exporter: not started, since mosquitto did not start",
            "device-simulator: not started, since mosquitto did not start");
    }
}
