using StackTests.Compose;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class InfrastructureSteps(ScenarioContext scenario, StackContext context)
{
    [Then("every core service reports healthy")]
    public async Task EveryCoreServiceHealthy()
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        // The scenario's @needs tags name the services it cannot do without; other core services
        // (an external stack may route alerts to its own receiver instead of alert-sink) are
        // checked when the stack supplies them.
        var core = compose.ServicesFor(["core"]).Select(s => s.Name).Where(context.Stack.IsAvailable).ToList();
        scenario.Output.WriteLine($"checking {string.Join(", ", core)}");
        NotChecked.Report(scenario, compose.ServicesFor(["core"]).Select(s => s.Name).Except(core)
            .Select(absent => $"{absent} ({context.Stack.Unavailable(absent)})").ToList());

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var unhealthy = new List<string>();
        foreach (var service in core)
        {
            if (compose.Service(service).Readiness is not { Path: { } path } probe) continue;
            var url = new Uri(context.Stack.Endpoint(service, probe.PortName), path);
            try
            {
                using var response = await http.GetAsync(url);
                ServiceCalls.Answered(service, url);
                scenario.Output.WriteLine($"{service}: GET {url} -> {(int)response.StatusCode}");
                if (!response.IsSuccessStatusCode) unhealthy.Add($"{service}: GET {url} answered {(int)response.StatusCode}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                unhealthy.Add($"{service}: GET {url} failed: {e.Message}");
            }
        }
        var grafana = await context.Grafana.HealthAsync();
        if (!grafana.IsHealthy) unhealthy.Add($"grafana: database {grafana.Database}");
        var collector = await context.Collector.HealthAsync();
        if (!collector.IsAvailable) unhealthy.Add($"otel-collector: {collector}");
        unhealthy.Should().BeEmpty();
    }
}
