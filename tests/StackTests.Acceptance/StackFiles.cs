using StackTests.Compose;

namespace StackTests.Acceptance;

/// <summary>The stack's config files on this host, found through the bind mounts of compose.yaml.</summary>
public static class StackFiles
{
    /// <summary>prometheus.yml, as mounted into the prometheus service (its --config.file).</summary>
    public static string PrometheusConfig => Path.Combine(HostPath("prometheus", "/etc/prometheus"), "prometheus.yml");

    /// <summary>The folder compose mounts at Grafana's dashboards path.</summary>
    public static string DashboardFolder => HostPath("grafana", "/etc/grafana/dashboards");

    /// <summary>The host path compose bind-mounts at a container path of a service.</summary>
    public static string HostPath(string service, string containerPath)
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        var mount = compose.Service(service).MountAt(containerPath)
                    ?? throw new InvalidOperationException($"{compose.Path}: {service} mounts nothing at {containerPath}");
        return Path.GetFullPath(Path.Combine(compose.Directory, mount.Source));
    }
}
