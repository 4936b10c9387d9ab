using StackTests.Lint.Compose;

namespace StackTests.Lint.Mounts;

/// <summary>
/// mount-missing: a path a service's config makes it read that no volume or bind mount of that
/// service provides, so the service fails or idles once started. The service is the one that
/// mounts the config file; paths outside every mount are flagged only where they are config,
/// secrets, sockets or logs a mount must bring (ConfigPathReads), not files of the image.
/// Grafana's provisioning files must be mounted into its provisioning folder.
/// </summary>
public static class MountChecks
{
    /// <summary>Grafana's provisioning folder in its image (GF_PATHS_PROVISIONING of grafana/grafana's Dockerfile).</summary>
    public const string GrafanaProvisioning = "/etc/grafana/provisioning";

    public static IReadOnlyList<Finding> Check(IEnumerable<(string Path, string Text, FileKind Kind)> files, ComposeStack stack)
    {
        var findings = new List<Finding>();
        var composeName = Path.GetFileName(stack.Path);
        foreach (var (path, text, kind) in files)
        {
            if (kind is FileKind.DatasourceProvisioning or FileKind.DashboardProvisioning)
            {
                findings.AddRange(CheckProvisioning(path, kind, stack));
                continue;
            }
            var reads = ConfigPathReads.Of(kind, path, text);
            if (reads.Count == 0) continue;
            foreach (var (service, _) in ServiceMounts.Mounting(stack, path).DistinctBy(m => m.Service.Name))
                foreach (var read in reads.Where(r => !ServiceMounts.Provides(service, r.ContainerPath)))
                    findings.Add(new Finding(path, read.Line, read.Column, read.Severity, RuleIds.MountMissing,
                        $"{read.What} is '{read.ContainerPath}', which no volume or bind mount of service '{service.Name}' in {composeName} provides: {read.Consequence}"));
        }
        return findings;
    }

    /// <summary>Grafana reads provisioning files from provisioning/datasources and provisioning/dashboards (not from subfolders).</summary>
    private static IEnumerable<Finding> CheckProvisioning(string path, FileKind kind, ComposeStack stack)
    {
        if (!stack.HasService("grafana")) yield break;
        var grafana = stack.File.Service("grafana");
        var root = grafana.Environment.TryGetValue("GF_PATHS_PROVISIONING", out var set) && set.Length > 0 ? set.TrimEnd('/') : GrafanaProvisioning;
        var folder = $"{root}/{(kind == FileKind.DatasourceProvisioning ? "datasources" : "dashboards")}";
        var seenAt = ServiceMounts.Mounting(stack, path).Where(m => m.Service.Name == "grafana").Select(m => m.ContainerPath).ToList();
        if (seenAt.Any(p => Path.GetDirectoryName(p) == folder)) yield break;
        var what = kind == FileKind.DatasourceProvisioning ? "its datasources are not provisioned" : "its dashboards are not provisioned";
        yield return new Finding(path, 1, 1, Severity.Error, RuleIds.MountMissing, seenAt.Count == 0
            ? $"Grafana reads this kind of file from {folder}, and no bind mount of service 'grafana' in {Path.GetFileName(stack.Path)} brings this file there: {what}"
            : $"Grafana reads this kind of file from {folder}, and service 'grafana' sees this file at {seenAt[0]}: {what}");
    }
}
