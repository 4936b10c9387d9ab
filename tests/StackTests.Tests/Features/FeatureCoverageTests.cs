using System.Text.RegularExpressions;
using StackTests.Bdd;
using StackTests.Harness;
using StackTests.Lint.Dashboards;
using StackTests.Lint.Prometheus;
using StackTests.Models.Dashboards;
using StackTests.Models.Prometheus;

namespace StackTests.Tests.Features;

/// <summary>
/// The scenarios that claim "every job" or "every panel" cover exactly that: one metrics scenario per
/// service prometheus.yml scrapes, and one dashboard-query scenario per dashboard file, each
/// needing every service its panels read. A job or dashboard added without its scenario fails here.
/// </summary>
public sealed class FeatureCoverageTests
{
    private static readonly string Root = RepositoryLayout.Root;
    private static IReadOnlyList<ScenarioCase> Scenarios(string file) =>
        FeatureSet.Compile($"features/{file}", File.ReadAllText(Path.Combine(Root, "features", file)));

    [Fact]
    public void Every_service_prometheus_yml_scrapes_has_a_metrics_scenario_that_needs_it()
    {
        var jobs = ExpectedScrapeTargets.JobsOf(ScrapeConfig.StaticTargets(File.ReadAllText(Path.Combine(Root, "compose", "prometheus", "prometheus.yml"))));
        var scenarios = Scenarios("observability_pipeline.feature").Where(s => s.Tags.Contains("metrics") && s.Name.StartsWith("Prometheus scrapes ", StringComparison.Ordinal)).ToList();

        var checkedServices = scenarios.Select(s => Regex.Match(s.Name, "^Prometheus scrapes (\\S+) ").Groups[1].Value).ToList();
        checkedServices.Should().BeEquivalentTo(jobs.Select(j => j.Service).Distinct(), "each service with a job in prometheus.yml has its scenario, and no other");
        foreach (var scenario in scenarios)
        {
            var service = Regex.Match(scenario.Name, "^Prometheus scrapes (\\S+) ").Groups[1].Value;
            scenario.Tags.Should().Contain($"needs-{service}", "{0} needs the service it checks, so every provider starts it", scenario.Name);
        }
    }

    [Fact]
    public void Every_dashboard_file_has_its_query_scenario()
    {
        var folder = Path.Combine(Root, "compose", "grafana", "dashboards");
        var uids = Directory.EnumerateFiles(folder, "*.json").Select(f => Dashboard.Parse(f, File.ReadAllText(f)).Uid).ToList();
        var step = new Regex("^every Prometheus query of the \"(?<uid>[^\"]+)\" dashboard returns data from Prometheus, and every metric it reads exists$");
        var byUid = Scenarios("dashboards.feature")
            .SelectMany(s => s.Steps.Select(st => step.Match(st.Text)).Where(m => m.Success).Select(m => (Uid: m.Groups["uid"].Value, Scenario: s)))
            .ToList();

        byUid.Select(x => x.Uid).Should().BeEquivalentTo(uids, "one dashboard-query scenario per dashboard file");
    }
}
