using StackTests.Harness.Diagnosis;
using StackTests.Lint.Prometheus;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class PrometheusSteps(ScenarioContext scenario, StackContext context)
{
    private IReadOnlyList<ScrapeTarget> _targets = [];

    [Then("Prometheus reports the scrape targets of every running service up")]
    public async Task ScrapeTargetsUp()
    {
        // Expected from the stack's prometheus.yml, not from what Prometheus happens to report.
        var expected = ExpectedScrapeTargets.From(ScrapeConfig.StaticTargets(File.ReadAllText(StackFiles.PrometheusConfig)), context.Stack.RunningServices);
        foreach (var job in expected.NotChecked) scenario.Output.WriteLine($"not checked: job '{job.Job}' ({job.Service} does not run in this stack)");
        foreach (var service in expected.Unscraped) scenario.Output.WriteLine($"no scrape job: {service} ({StackFiles.PrometheusConfig} has none)");
        expected.Jobs.Should().NotBeEmpty("a service that {0} scrapes runs", StackFiles.PrometheusConfig);
        var prometheus = context.Prometheus;
        var active = await Eventually.UntilAsync(
            $"the scrape targets of {string.Join(", ", expected.Jobs)} to be active and up",
            $"GET {prometheus.BaseUrl}api/v1/targets",
            token => prometheus.TargetsAsync(token),
            targets => expected.Problems(targets).Count == 0,
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(500)),
            describe: targets => string.Join("; ", expected.Problems(targets)));
        _targets = expected.Of(active);
        foreach (var target in _targets) scenario.Output.WriteLine($"target up: {target}");
    }

    [Then("the {string} metric of each of those targets can be queried")]
    public async Task MetricOfEachTarget(string metric)
    {
        _targets.Should().NotBeEmpty("the previous step found the running targets");
        foreach (var target in _targets)
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
            IReadOnlyList<Sample> samples;
            try
            {
                samples = await QueryUntilDataAsync($"{metric}{{job=\"{service}\"}}");
            }
            catch (EventuallyTimeoutException e)
            {
                // The hop: is the job scraped at all, and how did its last scrape go?
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                throw new EventuallyTimeoutException($"{e.Message}\n  {await ScrapeOfJob.ReadAsync(context.Prometheus, service, bound.Token)}.");
            }
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
}
