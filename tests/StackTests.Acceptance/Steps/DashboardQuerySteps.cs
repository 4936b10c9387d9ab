
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
        await context.QueryPrometheusUntilAsync($"stacktests_canary_sequence{{job=\"{CanaryEntryJob}\", run_id=\"{TestRun.Id}\"}}", "to exist", s => s.Count > 0);
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

    [Then("every Prometheus query of the dashboards returns data for the services that run")]
    public async Task DashboardQueriesReturnData()
    {
        var running = context.Stack.RunningServices;
        var all = DashboardQueries.Files.SelectMany(DashboardQueries.PrometheusQueriesOf).ToList();
        all.Should().NotBeEmpty("the dashboards in {0} have Prometheus queries", DashboardQueries.Folder);
        var needs = all.Zip(DashboardQueries.ServicesOf(all.Select(q => q.Expr).ToList()), (query, services) => (query, absent: services.Where(s => !running.Contains(s)).ToList())).ToList();
        foreach (var (query, absent) in needs.Where(n => n.absent.Count > 0))
            scenario.Output.WriteLine($"not checked: {query} (needs {string.Join(", ", absent)})");
        var runnable = needs.Where(n => n.absent.Count == 0).Select(n => n.query).ToList();
        runnable.Should().NotBeEmpty("some dashboard queries read metrics of the services that run");
        scenario.Output.WriteLine($"checking {runnable.Count} of {all.Count} Prometheus queries");
        await DashboardQueries.RunUntilDataAsync(context, scenario, runnable);
        await DashboardQueries.RequireMetricsAsync(context, scenario, runnable.Select(q => ($"{q.Dashboard} / {q.Panel} [{q.RefId}]", q.Expr)).ToList());
    }
}
