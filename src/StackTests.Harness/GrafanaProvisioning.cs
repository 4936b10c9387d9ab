using StackTests.Models.Documents;
using StackTests.Models.Grafana;

namespace StackTests.Harness;

/// <summary>
/// The datasources compose provisions into Grafana (the datasources folder of what compose mounts at
/// Grafana's provisioning path), read from the files themselves as the config checks read them: what
/// Grafana would serve from /api/datasources, for a stack that runs no Grafana.
/// </summary>
public static class GrafanaProvisioning
{
    public static IReadOnlyList<GrafanaDatasource> Datasources() =>
        Directory.EnumerateFiles(MountedConfigs.DatasourcesFolder)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Read(f, File.ReadAllText(f)))
            .ToList();

    public static GrafanaDatasource Datasource(string uid) =>
        Datasources().FirstOrDefault(d => d.Uid == uid)
        ?? throw new InvalidOperationException($"{MountedConfigs.DatasourcesFolder}: no datasource with uid '{uid}' is provisioned");

    /// <summary>The datasources of one provisioning file; a file Grafana could not read is an error naming it.</summary>
    public static IReadOnlyList<GrafanaDatasource> Read(string path, string text)
    {
        try { return GrafanaDatasource.FromProvisioningFile(YamlDoc.Parse(text), path); }
        catch (YamlSyntaxException e) { throw new InvalidOperationException($"{path}:{e.Line}:{e.Column}: {e.Message}", e); }
    }
}
