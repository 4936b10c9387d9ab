
namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class PrometheusSteps(ScenarioContext scenario, StackContext context)
{
    private IReadOnlyList<ScrapeTarget> _targets = [];

    [Then("Prometheus reports the scrape targets of every running service up")]
    public async Task ScrapeTargetsUp()
    {
        var prometheus = context.Prometheus;
        var running = context.Stack.RunningServices;
        _targets = await Eventually.UntilAsync(
            $"the scrape targets of {string.Join(", ", running)} to be up",
            $"GET {prometheus.BaseUrl}api/v1/targets",
            token => prometheus.TargetsAsync(token),
            targets => OfRunningServices(targets).Count > 0 && OfRunningServices(targets).All(t => t.IsUp),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500)),
            describe: targets => string.Join("; ", OfRunningServices(targets)));
        foreach (var target in OfRunningServices(_targets)) scenario.Output.WriteLine($"target up: {target}");
    }

    [Then("the {string} metric of each of those targets can be queried")]
    public async Task MetricOfEachTarget(string metric)
    {
        var targets = OfRunningServices(_targets);
        targets.Should().NotBeEmpty("the previous step found the running targets");
        foreach (var target in targets)
        {
            var samples = await QueryUntilDataAsync($"{metric}{{job=\"{target.Job}\",instance=\"{target.Instance}\"}}");
            scenario.Output.WriteLine($"{samples[0]}");
        }
    }

    [Then("each running service's own metrics can be queried in Prometheus:")]
    public async Task OwnMetrics(DataTable table)
    {
        var checkedAny = false;
        foreach (var row in table.Rows)
        {
            var (service, metric) = (row["service"], row["metric"]);
            if (!context.Stack.RunningServices.Contains(service))
            {
                scenario.Output.WriteLine($"not checked: {metric} ({service} does not run in this stack)");
                continue;
            }
            var samples = await QueryUntilDataAsync($"{metric}{{job=\"{service}\"}}");
            scenario.Output.WriteLine($"{service}: {samples[0]}");
            checkedAny = true;
        }
        checkedAny.Should().BeTrue("at least one service of the table runs");
    }

    [Then("Prometheus has the Collector's own {string} metric")]
    public async Task CollectorOwnMetric(string metric) =>
        scenario.Output.WriteLine((await QueryUntilDataAsync($"{metric}{{job=\"otel-collector\"}}"))[0].ToString());

    private Task<IReadOnlyList<Sample>> QueryUntilDataAsync(string query) =>
        context.QueryPrometheusUntilAsync(query, "to return a sample", result => result.Count > 0);

    // A target belongs to a running service when its job is the service's name (prometheus.yml's convention).
    private List<ScrapeTarget> OfRunningServices(IEnumerable<ScrapeTarget> targets) =>
        targets.Where(t => context.Stack.RunningServices.Contains(t.Job)).ToList();
}
