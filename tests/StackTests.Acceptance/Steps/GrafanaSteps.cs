using StackTests.Browser;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class GrafanaSteps(ScenarioContext scenario, StackContext context)
{
    private static readonly EventuallyOptions DataWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(3));

    [Then("Grafana has these dashboards:")]
    public async Task HasDashboards(DataTable table)
    {
        var grafana = context.Grafana;
        var hits = await grafana.SearchDashboardsAsync();
        foreach (var row in table.Rows)
        {
            var dashboard = await grafana.DashboardAsync(row["uid"]);
            dashboard.Title.Should().Be(row["title"], "dashboard {0} is provisioned with its title", row["uid"]);
            dashboard.Panels.Should().NotBeEmpty("dashboard {0} has panels", row["uid"]);
            hits.Should().Contain(h => h.Uid == row["uid"], "the dashboard search lists {0}", row["uid"]);
            scenario.Output.WriteLine(dashboard.ToString());
        }
    }

    [Then("the datasources {string}, {string} and {string} are provisioned and healthy")]
    public async Task DatasourcesHealthy(string first, string second, string third)
    {
        var grafana = context.Grafana;
        foreach (var uid in new[] { first, second, third })
        {
            var datasource = await grafana.DatasourceAsync(uid);
            var health = await Eventually.UntilAsync(
                $"datasource {uid} to be healthy",
                $"GET {grafana.BaseUrl}api/datasources/uid/{uid}/health",
                token => grafana.DatasourceHealthAsync(uid, token),
                h => h.IsOk,
                new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(2)));
            scenario.Output.WriteLine($"{datasource}: {health}");
        }
    }

    [Then("every panel query of every dashboard returns data without error through Grafana")]
    public async Task EveryPanelHasData()
    {
        var grafana = context.Grafana;
        var datasources = await grafana.DatasourcesAsync();
        var queries = new List<PanelQuery>();
        foreach (var uid in ProvisionedDashboards.Uids)
            queries.AddRange(DashboardPanelQueries.For(await grafana.DashboardAsync(uid), datasources));
        queries.Should().NotBeEmpty("the provisioned dashboards have panel queries");
        // The scenario needs every service the panels read; a panel over one the stack still does not
        // supply is reported as not checked (a failure under --fail-on-skip).
        var prometheusQueries = queries.Where(q => q.Prometheus is not null).ToList();
        var unsupplied = prometheusQueries
            .Zip(DashboardMetrics.ServicesOf(prometheusQueries.Select(q => q.Prometheus!.Expr).ToList()),
                (query, services) => (query, absent: services.Where(s => !context.Stack.IsAvailable(s)).ToList()))
            .Where(x => x.absent.Count > 0).ToList();
        NotChecked.Report(scenario, unsupplied.Select(x => $"panel {x.query.Where} (needs {string.Join(", ", x.absent)})").ToList());
        queries = queries.Except(unsupplied.Select(x => x.query)).ToList();

        await PanelQueryPolling.ThroughGrafanaAsync(grafana, queries, scenario.Output, DataWait);
        await DashboardMetrics.RequireAsync(context.Prometheus, queries.Select(q => q.Prometheus).OfType<PrometheusPanelQuery>().ToList(), scenario.Output);
    }

    [Then("a browser shows every dashboard without a panel error")]
    public async Task BrowserShowsNoPanelError()
    {
        var grafana = context.Grafana;
        var login = context.Stack.Credentials("grafana");
        await using var browser = await DashboardBrowser.LaunchAsync(TimeSpan.FromSeconds(30));
        var failures = new List<string>();
        var screenshots = Path.Combine(SuiteSettings.Current.ReportDirectory, "screenshots");
        foreach (var uid in ProvisionedDashboards.Uids)
        {
            var url = new Uri(grafana.BaseUrl, $"d/{uid}?orgId=1&from=now-15m&to=now&kiosk");
            var rendering = await browser.RenderAsync(uid, url, login?.User, login?.Password, TimeSpan.FromSeconds(60), screenshots);
            scenario.Output.WriteLine($"{uid}: {string.Join("; ", rendering.Panels)}");
            if (rendering.Panels.Count == 0 || rendering.Errors.Count > 0)
            {
                failures.Add($"{uid}: {(rendering.Panels.Count == 0 ? "no panel rendered" : string.Join("; ", rendering.Errors))}");
                if (rendering.ScreenshotPath is { } png) scenario.Attach($"{uid}.png", "image/png", await File.ReadAllBytesAsync(png));
            }
        }
        failures.Should().BeEmpty("every panel of every dashboard renders without error");
    }
}
