using StackTests.Lint;

namespace StackTests.Tests.Lint;

/// <summary>The stack as committed passes every config check.</summary>
[Trait("Tier", "integration")]
public sealed class RealStackTests
{
    [Fact]
    public void Compose_folder_has_no_errors()
    {
        var findings = new StackLinter(SharedGrammar.Value).Lint(TestPaths.Compose);

        findings.Where(f => f.Severity == Severity.Error).Should().BeEmpty(
            "compose/ must pass lint; findings:\n" + string.Join("\n", findings));
    }

    [Fact]
    public void Compose_folder_has_the_files_the_checks_cover()
    {
        var kinds = Directory.EnumerateFiles(TestPaths.Compose, "*", SearchOption.AllDirectories)
            .Select(f => FileKinds.Detect(f, File.ReadAllText(f)))
            .ToHashSet();

        // A file no check recognises would pass lint unseen.
        kinds.Should().Contain([
            FileKind.Compose, FileKind.PrometheusConfig, FileKind.PrometheusRules, FileKind.PrometheusRuleTests,
            FileKind.AlertmanagerConfig, FileKind.DatasourceProvisioning, FileKind.DashboardProvisioning, FileKind.Dashboard,
            FileKind.CollectorConfig, FileKind.TempoConfig, FileKind.LokiConfig, FileKind.Alloy,
            FileKind.MosquittoConfig, FileKind.MqttExporterConfig,
        ]);
    }
}
