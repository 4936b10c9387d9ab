using StackTests.Models.Dashboards;

namespace StackTests.Harness.Dashboards;

/// <summary>The dashboards compose provisions into Grafana: the JSON files of the folder it mounts at Grafana's dashboards path.</summary>
public static class ProvisionedDashboards
{
    public static string Folder => MountedConfigs.DashboardFolder;

    public static IReadOnlyList<string> Files => Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>Each file's dashboard, parsed.</summary>
    public static IReadOnlyList<Dashboard> All => Files.Select(f => Dashboard.Parse(f, File.ReadAllText(f))).ToList();

    /// <summary>The uids of the stack's own dashboards (a shared Grafana may hold others).</summary>
    public static IReadOnlyList<string> Uids => All.Select(d => d.Uid).OfType<string>().ToList();

    public static string FileOf(string uid) =>
        Files.FirstOrDefault(f => Dashboard.Parse(f, File.ReadAllText(f)).Uid == uid)
        ?? throw new FileNotFoundException($"no dashboard with uid '{uid}' in {Folder}");

    /// <summary>The Prometheus queries of a dashboard, as Grafana would send them with the provisioned datasources.</summary>
    public static IReadOnlyList<PrometheusPanelQuery> PrometheusQueriesOf(string uid) =>
        PrometheusPanelQueries.FromFile(FileOf(uid), GrafanaProvisioning.Datasources());
}
