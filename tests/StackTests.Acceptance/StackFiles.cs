using StackTests.Compose;
using StackTests.Models.Grafana;

namespace StackTests.Acceptance;

/// <summary>The stack's config files on this host, found through the bind mounts of compose.yaml.</summary>
public static class StackFiles
{
    /// <summary>prometheus.yml, as mounted into the prometheus service (its --config.file).</summary>
    public static string PrometheusConfig => Path.Combine(HostPath("prometheus", "/etc/prometheus"), "prometheus.yml");

    /// <summary>The folder compose mounts at Grafana's dashboards path.</summary>
    public static string DashboardFolder => HostPath("grafana", "/etc/grafana/dashboards");

    /// <summary>The datasources compose provisions into Grafana (the files of provisioning/datasources).</summary>
    public static IReadOnlyList<GrafanaDatasource> Datasources => GrafanaProvisioning.Datasources();

    /// <summary>The host path compose bind-mounts at a container path of a service.</summary>
    public static string HostPath(string service, string containerPath) =>
        ComposeFile.Load(RepositoryLayout.ComposeFile).HostPath(service, containerPath);
}
