using StackTests.Canary;
using StackTests.Harness.Canary;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class DashboardQuerySteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    /// <summary>
    /// A one-entry canary, so the canary dashboard has this run's figures: the canary's own metrics
    /// probe sends entry 0 through the Pushgateway to Prometheus, and once Prometheus has it,
    /// the figures (with the services' CPU and memory, where the stack lets them be read) are pushed
    /// as run-tests.sh canary --push-metrics pushes them.
    /// </summary>
    [When("this run pushes canary figures to the Pushgateway")]
    public async Task PushCanaryFigures()
    {
        var probe = new MetricsProbe(context.Stack, TestRun.Id);
        state.OnCleanup(async () =>
        {
            await probe.CleanupAsync(CancellationToken.None);
            await probe.DisposeAsync();
        });
        await probe.SendAsync(0, CancellationToken.None);
        var ledger = probe.Ledgers.Single().Ledger;
        ledger.Summarise().SendFailed.Should().Be(0, $"the Pushgateway takes the canary's entry ({ledger.Summarise().FirstSendError})");
        await Eventually.UntilAsync("the canary's entry to reach Prometheus", $"{MetricsProbe.Metric}{{{TestRun.IdLabel}=\"{TestRun.Id}\"}} on Prometheus",
            async token => { await probe.PollAsync(token); return ledger.Summarise(); },
            summary => summary.Missing == 0, describe: summary => $"{summary.Missing} of {summary.Sent} entries not seen");

        var url = context.Endpoint("pushgateway", "http");
        var source = ResourceSources.For(context.Stack, TestRun.Id);
        using (source as IDisposable)
        {
            var sampler = new ResourceSampler(source, context.Stack.RunningServices);
            await sampler.SampleAsync(CancellationToken.None);
            await new ResultPusher(url, TestRun.Id).PushAsync([("metrics", "metrics", ledger.Summarise(), true)], sampler.Summarise(), CancellationToken.None);
        }
        state.OnCleanup(() => new PushgatewayEmitter(url).DeleteAsync(ResultPusher.Job));
    }


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
