
namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class DashboardQuerySteps(ScenarioContext scenario, StackContext context)
{
    [Then("every Prometheus query of the dashboards returns data for the services that run")]
    public async Task DashboardQueriesReturnData()
    {
        var running = context.Stack.RunningServices;
        var all = DashboardQueries.Files.SelectMany(PrometheusPanelQueries.FromFile).ToList();
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
