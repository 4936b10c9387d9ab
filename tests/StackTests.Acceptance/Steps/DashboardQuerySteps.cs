
using StackTests.Harness.Canary;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class DashboardQuerySteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    /// <summary>
    /// A one-entry canary, so the canary dashboard has this run's figures: entry 1 goes through the
    /// Pushgateway to Prometheus as the canary's metrics probe sends it, and once Prometheus has it,
    /// the figures (with the services' CPU and memory, where the stack lets them be read) are pushed
    /// as run-tests.sh canary --push-metrics pushes them.
    /// </summary>
    [When("this run pushes canary figures to the Pushgateway")]
    public async Task PushCanaryFigures()
    {
        var url = context.Endpoint("pushgateway", "http");
        var pushgateway = new PushgatewayEmitter(url);
        var ledger = new SequenceLedger();
        ledger.Sent(1, DateTimeOffset.UtcNow);
        await pushgateway.PushAsync(CanaryEntryJob, [new PushedMetric("stacktests_canary_sequence", 1, Help: "Entry number sent by the StackTests canary")]);
        state.OnCleanup(() => pushgateway.DeleteAsync(CanaryEntryJob));
        await context.QueryPrometheusUntilAsync($"stacktests_canary_sequence{{job=\"{CanaryEntryJob}\", {TestRun.IdLabel}=\"{TestRun.Id}\"}}", "to exist", s => s.Count > 0);
        ledger.Observed([1], DateTimeOffset.UtcNow);

        var source = ResourceSources.For(context.Stack, TestRun.Id);
        using (source as IDisposable)
        {
            var sampler = new ResourceSampler(source, context.Stack.RunningServices);
            await sampler.SampleAsync(CancellationToken.None);
            await new ResultPusher(url, TestRun.Id).PushAsync([("metrics", "metrics", ledger.Summarise(), true)], sampler.Summarise(), CancellationToken.None);
        }
        state.OnCleanup(() => pushgateway.DeleteAsync(ResultPusher.Job));
    }

    private const string CanaryEntryJob = "stacktests-canary-metrics";

    /// <summary>
    /// Every Prometheus query of one dashboard file, run on Prometheus, returns data, and every metric
    /// it reads exists. The scenario needs every service those metrics come from: a panel that reads a
    /// service the scenario does not need fails here, naming panel and service, instead of going unchecked.
    /// </summary>
    [Then("every Prometheus query of the {string} dashboard returns data from Prometheus, and every metric it reads exists")]
    public async Task DashboardQueriesReturnData(string uid)
    {
        var queries = ProvisionedDashboards.PrometheusQueriesOf(uid);
        queries.Should().NotBeEmpty("dashboard {0} in {1} has Prometheus queries", uid, ProvisionedDashboards.Folder);
        var needed = ScenarioNeeds.Of(scenario.Tags);
        var unneeded = queries.Zip(DashboardMetrics.ServicesOf(queries.Select(q => q.Expr).ToList()),
                (query, services) => services.Where(s => !needed.Contains(s)).Select(s => $"{query} reads metrics of {s}"))
            .SelectMany(x => x).ToList();
        unneeded.Should().BeEmpty("this scenario needs every service its dashboard's panels read (tag it @needs-<service>)");
        scenario.Output.WriteLine($"checking all {queries.Count} Prometheus queries of dashboard {uid}");
        await PanelQueryPolling.FromPrometheusAsync(context.Prometheus, queries, scenario.Output);
        await DashboardMetrics.RequireAsync(context.Prometheus, queries, scenario.Output);
    }
}
