using FluentAssertions;
using StackTests.Bdd;
using StackTests.Harness;
using StackTests.Harness.Clients;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class PrometheusSteps(ScenarioContext scenario, StackContext context)
{
    private IReadOnlyList<ScrapeTarget> _targets = [];

    [Then("Prometheus reports the scrape targets of every running service up")]
    public async Task ScrapeTargetsUp()
    {
        var running = context.Stack.RunningServices;
        _targets = await Eventually.UntilAsync(
            $"the scrape targets of {string.Join(", ", running)} to be up",
            $"GET {context.Prometheus.BaseUrl}api/v1/targets",
            token => context.Prometheus.TargetsAsync(token),
            targets => OfRunningServices(targets).Count > 0 && OfRunningServices(targets).All(t => t.IsUp),
            describe: targets => string.Join("; ", targets));
        foreach (var target in OfRunningServices(_targets)) scenario.Output.WriteLine($"target up: {target}");
    }

    [Then("the {string} metric of each of those targets can be queried")]
    public async Task MetricOfEachTarget(string metric)
    {
        var targets = OfRunningServices(_targets);
        targets.Should().NotBeEmpty("the previous step found the running targets");
        foreach (var target in targets)
        {
            var query = $"{metric}{{job=\"{target.Job}\",instance=\"{target.Instance}\"}}";
            var samples = await Eventually.UntilAsync(
                $"{query} to return a sample",
                $"GET {context.Prometheus.BaseUrl}api/v1/query?query={query}",
                token => context.Prometheus.QueryAsync(query, token),
                result => result.Count > 0,
                describe: result => result.Count == 0 ? "empty result" : string.Join("; ", result));
            scenario.Output.WriteLine($"{query} = {samples[0].Value}");
        }
    }

    // A target belongs to a running service when its address is that service's endpoint.
    private List<ScrapeTarget> OfRunningServices(IEnumerable<ScrapeTarget> targets) =>
        targets.Where(t => context.Stack.RunningServices.Any(service => ServiceOwns(service, t))).ToList();

    private bool ServiceOwns(string service, ScrapeTarget target)
    {
        var host = target.Instance.Split(':')[0];
        return host == service || host == new Uri(target.ScrapeUrl).Host && context.Stack.RunningServices.Contains(service)
            && context.Stack.Endpoint(service, new Uri(target.ScrapeUrl).Port).Host == host;
    }
}
