using StackTests.Harness.Diagnosis;
using StackTests.Models.Prometheus;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class PrometheusSteps(ScenarioContext scenario, StackContext context)
{
    private IReadOnlyList<ScrapeTarget> _targets = [];

    /// <summary>
    /// The jobs of prometheus.yml whose targets are the service: each has all its targets active and up.
    /// The service is the scenario's claim (it needs it), never what happens to run beside it.
    /// </summary>
    [Then("Prometheus reports every scrape target of {string} in prometheus.yml up")]
    public async Task ScrapeTargetsUp(string service)
    {
        // Expected from the stack's prometheus.yml, not from what Prometheus happens to report.
        var expected = ExpectedScrapeTargets.From(ScrapeConfig.StaticTargets(File.ReadAllText(MountedConfigs.PrometheusConfig)), [service]);
        expected.Unscraped.Should().BeEmpty("{0} has a scrape job whose target is {1}", MountedConfigs.PrometheusConfig, service);
        scenario.Output.WriteLine($"checking {string.Join(", ", expected.Jobs)} of {MountedConfigs.PrometheusConfig}");
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
        _targets.Should().NotBeEmpty("the previous step found the scrape targets");
        foreach (var target in _targets)
        {
            var samples = await QueryUntilDataAsync($"{metric}{{job=\"{target.Job}\",instance=\"{target.Instance}\"}}");
            scenario.Output.WriteLine($"{samples[0]}");
        }
    }

    [Then("Prometheus has {string} of job {string}")]
    public async Task OwnMetric(string metric, string job)
    {
        IReadOnlyList<Sample> samples;
        try
        {
            samples = await QueryUntilDataAsync($"{metric}{{job=\"{job}\"}}");
        }
        catch (EventuallyTimeoutException e)
        {
            // The hop: is the job scraped at all, and how did its last scrape go?
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            throw new EventuallyTimeoutException($"{e.Message}\n  {await ScrapeOfJob.ReadAsync(context.Prometheus, job, bound.Token)}.");
        }
        scenario.Output.WriteLine(samples[0].ToString());
    }

    [Then("Prometheus has the Collector's own {string} metric")]
    public async Task CollectorOwnMetric(string metric) =>
        scenario.Output.WriteLine((await QueryUntilDataAsync($"{metric}{{job=\"otel-collector\"}}"))[0].ToString());

    private Task<IReadOnlyList<Sample>> QueryUntilDataAsync(string query) =>
        context.QueryPrometheusUntilAsync(query, "to return a sample", result => result.Count > 0);
}
