using StackTests.Lint;
using StackTests.Lint.Alloy;
using static StackTests.Tests.Alloy.Checks.AlloyFixtures;

namespace StackTests.Tests.Alloy.Checks;

public sealed class AlloyFileChecksTests
{
    [Fact]
    public void The_good_config_has_no_findings()
    {
        AlloyChecks.CheckFile(ConfigPath, GoodConfig).Should().BeEmpty();
    }

    [Fact]
    public void A_syntax_error_is_reported_with_file_line_column_and_nothing_else()
    {
        var config = GoodConfigWith("url = \"http://loki:3100/loki/api/v1/push\"", "url = \"http://loki:3100\" +");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.ToString().Should().Be($"{ConfigPath}:{LineOf(config, "url = ") + 1}:3: error: alloy-syntax: expected expression, got }}");
    }

    [Fact]
    public void A_reference_to_an_undeclared_component_is_reported_with_the_declared_ones()
    {
        var config = GoodConfigWith("[loki.write.default.receiver]", "[loki.write.defualt.receiver]");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.UnresolvedReference);
        finding.Line.Should().Be(LineOf(config, "loki.write.defualt"));
        finding.Column.Should().Be(17);
        finding.Message.Should().Contain("'loki.write.defualt.receiver'").And.Contain("declared: loki.write.default");
    }

    [Fact]
    public void A_reference_to_a_field_the_component_does_not_export_is_reported()
    {
        var config = GoodConfigWith("targets       = discovery.relabel.containers.output", "targets       = discovery.relabel.containers.targets");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.UnknownExport);
        finding.Message.Should().Be("'discovery.relabel.containers.targets': discovery.relabel has no export 'targets' (discovery.relabel exports only output, rules)");
    }

    [Fact]
    public void Loki_source_docker_without_targets_is_reported_because_alloy_will_not_load_it()
    {
        var config = GoodConfigWith("  targets       = discovery.relabel.containers.output\n", "");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.MissingArgument);
        finding.Line.Should().Be(LineOf(config, "loki.source.docker \"containers\""));
        finding.Message.Should().Contain("loki.source.docker.containers has no 'targets' argument");
    }

    [Fact]
    public void Loki_write_without_an_endpoint_url_is_reported()
    {
        var config = GoodConfigWith("url = \"http://loki:3100/loki/api/v1/push\"", "remote_timeout = \"10s\"");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.MissingArgument);
        finding.Line.Should().Be(LineOf(config, "endpoint {"));
        finding.Message.Should().Be("the 'endpoint' block of loki.write.default has no 'url' argument; it is required");
    }

    [Fact]
    public void Discovery_docker_without_host_and_loki_process_without_forward_to_are_reported()
    {
        var config = GoodConfigWith("  host = \"unix:///var/run/docker.sock\"\n", "")
            .Replace("  forward_to = [loki.write.default.receiver]\n", "");

        AlloyChecks.CheckFile(ConfigPath, config).Where(f => f.RuleId == AlloyRuleIds.MissingArgument).Select(f => f.Message)
            .Should().BeEquivalentTo(
                "discovery.docker.containers has no 'host' argument; discovery.docker requires it and Alloy does not load the config without it",
                "loki.process.containers has no 'forward_to' argument; loki.process requires it and Alloy does not load the config without it");
    }

    [Fact]
    public void A_route_that_ends_before_a_loki_write_is_reported()
    {
        var config = GoodConfigWith("forward_to = [loki.write.default.receiver]", "forward_to = []");

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.ForwardChain);
        finding.Line.Should().Be(LineOf(config, "forward_to    = [loki.process"));
        finding.Message.Should().Be("logs from loki.source.docker.containers along loki.source.docker.containers -> loki.process.containers " +
            "stop at loki.process.containers, which is not a loki.write and forwards them nowhere");
    }

    [Fact]
    public void A_source_forwarding_to_nothing_is_reported()
    {
        var config = GoodConfigWith("forward_to    = [loki.process.containers.receiver]", "forward_to    = []");

        AlloyChecks.CheckFile(ConfigPath, config).Select(f => (f.RuleId, f.Message)).Should().Equal(
            (AlloyRuleIds.ForwardChain, "loki.source.docker.containers forwards to no component: its logs reach no loki.write"));
    }

    [Fact]
    public void Two_components_with_the_same_name_and_label_are_reported()
    {
        var config = GoodConfig + "\nloki.write \"default\" {\n  endpoint {\n    url = \"http://loki:3100/loki/api/v1/push\"\n  }\n}\n";

        var finding = AlloyChecks.CheckFile(ConfigPath, config).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.DuplicateComponent);
        finding.Line.Should().Be(config[..config.LastIndexOf("loki.write \"default\"", StringComparison.Ordinal)].Count(c => c == '\n') + 1);
        finding.Message.Should().StartWith($"loki.write.default is already declared at line {LineOf(config, "loki.write \"default\"")};");
    }
}
