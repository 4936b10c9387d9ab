using StackTests.Lint;

namespace StackTests.Tests.Lint;

[Trait("Tier", "integration")]
public sealed class MountMutationTests
{
    [Theory]
    [MemberData(nameof(ContractMutations.MountData), MemberType = typeof(ContractMutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);

    [Fact]
    public void An_alertmanager_template_folder_outside_its_mounts_is_a_warning()
    {
        using var stack = TestPaths.CopyOfCompose();
        var file = stack.PathOf("alertmanager/alertmanager.yml");
        File.WriteAllText(file, "templates:\n  - /etc/alertmanager-templates/*.tmpl\n" + File.ReadAllText(file));

        var findings = new StackLinter(SharedGrammar.Value).Lint(stack.Folder);

        findings.Should().ContainSingle(f => f.RuleId == RuleIds.MountMissing).Which.Should().Match<Finding>(f =>
            f.Severity == Severity.Warning && f.Line == 2 && f.Message.Contains("'/etc/alertmanager-templates/*.tmpl'"));
    }

    [Fact]
    public void A_path_under_a_mounted_folder_or_volume_is_provided()
    {
        using var stack = TestPaths.CopyOfCompose();
        var config = stack.PathOf("prometheus/prometheus.yml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("scrape_configs:\n",
            "scrape_configs:\n  - job_name: apps\n    file_sd_configs:\n      - files: [/etc/prometheus/targets/*.json, /prometheus/targets.json]\n", StringComparison.Ordinal));

        var findings = new StackLinter(SharedGrammar.Value).Lint(stack.Folder);

        findings.Where(f => f.RuleId == RuleIds.MountMissing).Should().BeEmpty(
            "/etc/prometheus is the bind-mounted ./prometheus folder and /prometheus the prometheus-data volume");
    }
}

[Trait("Tier", "integration")]
public sealed class MetricMutationTests
{
    [Theory]
    [MemberData(nameof(ContractMutations.MetricData), MemberType = typeof(ContractMutations))]
    public void Planted_defect_is_reported(Mutation mutation) => PlantedDefect.MustBeReported(mutation);

    [Fact]
    public void The_stack_as_it_is_reads_no_unproduced_metric()
    {
        var findings = new StackLinter(SharedGrammar.Value).Lint(TestPaths.Compose);

        findings.Where(f => f.RuleId == RuleIds.MetricUnproduced && f.Severity == Severity.Error).Should().BeEmpty();
        findings.Where(f => f.RuleId == RuleIds.MetricUnproduced).Select(f => Path.GetFileName(f.Path)).Should().BeEquivalentTo(
            ["infrastructure-overview.json", "stacktests-canary.json", "stack-alerts.yml"],
            "the Pushgateway's push_time_seconds, the canary's figures and the alert probe exist only once pushed: one warning per file");
    }

    [Fact]
    public void A_dashboard_on_its_own_gets_a_warning_not_an_error()
    {
        using var stack = TestPaths.CopyOfCompose();
        var file = stack.PathOf("grafana/dashboards/infrastructure-overview.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"expr\": \"node_load1\"", "\"expr\": \"nonexistent_metric_total\"", StringComparison.Ordinal));

        var findings = new StackLinter(SharedGrammar.Value).Lint(file);

        findings.Should().ContainSingle(f => f.RuleId == RuleIds.MetricUnproduced).Which.Should().Match<Finding>(f =>
            f.Severity == Severity.Warning && f.Message.Contains("'nonexistent_metric_total'"));
    }
}

[Trait("Tier", "integration")]
public sealed class CollectorSpanMetricsTests
{
    private static IReadOnlyList<Finding> LintWithPanelReading(string metric, bool spanMetricsConnector)
    {
        using var stack = TestPaths.CopyOfCompose();
        var dashboard = stack.PathOf("grafana/dashboards/infrastructure-overview.json");
        File.WriteAllText(dashboard, File.ReadAllText(dashboard).Replace("\"expr\": \"node_load1\"", $"\"expr\": \"sum(rate({metric}[$__rate_interval]))\"", StringComparison.Ordinal));
        if (spanMetricsConnector)
        {
            var collector = stack.PathOf("otel-collector/config.yaml");
            File.WriteAllText(collector, File.ReadAllText(collector)
                .Replace("\nexporters:\n", "\nconnectors:\n  spanmetrics:\n\nexporters:\n", StringComparison.Ordinal)
                .Replace("      exporters: [otlp_grpc/tempo]", "      exporters: [otlp_grpc/tempo, spanmetrics]", StringComparison.Ordinal)
                .Replace("    metrics:\n      receivers: [otlp]", "    metrics:\n      receivers: [otlp, spanmetrics]", StringComparison.Ordinal));
        }
        return new StackLinter(SharedGrammar.Value).Lint(stack.Folder).Where(f => f.RuleId == RuleIds.MetricUnproduced && f.Severity == Severity.Error).ToList();
    }

    [Fact]
    public void Span_metrics_come_from_the_collector_only_with_its_spanmetrics_connector()
    {
        LintWithPanelReading("traces_span_metrics_calls_total", spanMetricsConnector: false).Should().ContainSingle()
            .Which.Message.Should().Contain("'traces_span_metrics_calls_total': no component of the stack produces it");
        LintWithPanelReading("traces_span_metrics_calls_total", spanMetricsConnector: true).Should().BeEmpty(
            "the connector's default namespace traces.span.metrics is exported as traces_span_metrics_*");
    }
}
