
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
        var runnable = all.Where(q => DashboardQueries.ServicesOf(q).All(running.Contains)).ToList();
        foreach (var query in all.Except(runnable))
            scenario.Output.WriteLine($"not checked: {query} (needs {string.Join(", ", DashboardQueries.ServicesOf(query).Where(s => !running.Contains(s)))})");
        runnable.Should().NotBeEmpty("some dashboard queries read metrics of the services that run");
        scenario.Output.WriteLine($"checking {runnable.Count} of {all.Count} Prometheus queries");
        await DashboardQueries.RunUntilDataAsync(context, scenario, runnable);
    }
}
