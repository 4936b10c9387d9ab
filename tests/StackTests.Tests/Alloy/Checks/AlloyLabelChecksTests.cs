using StackTests.Lint.Alloy;
using static StackTests.Tests.Alloy.Checks.AlloyFixtures;

namespace StackTests.Tests.Alloy.Checks;

public sealed class AlloyLabelChecksTests
{
    private static List<string> LabelFindings(string config) =>
        AlloyChecks.CheckStack(ConfigPath, config, StackCompose).Where(f => f.RuleId == AlloyRuleIds.Labels).Select(f => f.Message).ToList();

    [Fact]
    public void Stream_set_by_a_rule_on_discovered_targets_only_is_missing_with_the_reason()
    {
        var config = GoodConfigWith("  relabel_rules = discovery.relabel.containers.rules\n", "");

        var message = LabelFindings(config).Should().ContainSingle().Subject;

        message.Should().StartWith("logs from loki.source.docker.containers reach loki.write.default without the label stream: " +
            "nothing on loki.source.docker.containers -> loki.process.containers -> loki.write.default writes it");
        message.Should().Contain($"line {LineOf(config, "source_labels = [\"__meta_docker_container_log_stream\"]") - 1}: the rule for 'stream' reads __meta_docker_container_log_stream");
    }

    [Fact]
    public void Stage_docker_and_stage_labels_produce_no_stream_label_from_loki_source_docker()
    {
        var config = GoodConfigWith("  relabel_rules = discovery.relabel.containers.rules\n", "")
            .Replace("  stage.static_labels {", "  stage.docker {}\n\n  stage.labels {\n    values = { stream = \"\" }\n  }\n\n  stage.static_labels {");

        var message = LabelFindings(config).Should().ContainSingle().Subject;

        message.Should().Contain("without the label stream")
            .And.Contain("stage.docker extracts nothing from loki.source.docker entries")
            .And.Contain("stage.labels sets 'stream' from the extracted key 'stream', which no earlier stage extracts");
    }

    [Fact]
    public void Stage_labels_counts_a_key_an_earlier_stage_extracts()
    {
        var config = GoodConfigWith("values = { job = \"docker\" }", "values = { job = \"docker\" }\n  }\n\n  stage.json {\n    expressions = { level = \"\" }\n  }\n\n  stage.labels {\n    values = { level = \"\" }");

        LabelFindings(config).Should().BeEmpty();
    }

    [Fact]
    public void A_label_nothing_writes_is_missing()
    {
        var config = GoodConfigWith("values = { job = \"docker\" }", "values = { environment = \"test\" }");

        LabelFindings(config).Should().ContainSingle().Which.Should().Contain("without the label job:");
    }

    [Fact]
    public void Without_targets_no_target_label_reaches_loki()
    {
        var config = GoodConfigWith("  targets       = discovery.relabel.containers.output\n", "");

        LabelFindings(config).Should().ContainSingle().Which.Should().Contain("without the labels container, compose_service, compose_project:");
    }

    [Fact]
    public void A_replacement_that_is_empty_removes_the_label()
    {
        var config = GoodConfigWith("values = { job = \"docker\" }", "values = { job = \"\" }");

        LabelFindings(config).Should().ContainSingle().Which.Should().Contain("without the label job:");
    }

    [Fact]
    public void Labels_can_come_from_the_source_labels_argument_labelmap_and_external_labels()
    {
        var config = GoodConfig
            .Replace("""
                  rule {
                    source_labels = ["__meta_docker_container_label_com_docker_compose_service"]
                    target_label  = "compose_service"
                  }

                  rule {
                    source_labels = ["__meta_docker_container_label_com_docker_compose_project"]
                    target_label  = "compose_project"
                  }
                """, """
                  rule {
                    action      = "labelmap"
                    regex       = "__meta_docker_container_label_com_docker_compose_(service|project)"
                    replacement = "compose_$1"
                  }
                """)
            .Replace("  stage.static_labels {\n    values = { job = \"docker\" }\n  }\n", "")
            .Replace("relabel_rules = discovery.relabel.containers.rules", "relabel_rules = discovery.relabel.containers.rules\n  labels        = { job = \"docker\" }");
        config.Should().Contain("labelmap").And.NotContain("static_labels").And.Contain("labels        = { job");

        LabelFindings(config).Should().BeEmpty();

        var withoutJob = config.Replace("  labels        = { job = \"docker\" }\n", "");
        LabelFindings(withoutJob).Should().ContainSingle().Which.Should().Contain("without the label job:");
        var externalJob = withoutJob.Replace("  endpoint {", "  external_labels = { job = \"docker\" }\n\n  endpoint {");
        LabelFindings(externalJob).Should().BeEmpty();
    }

    [Fact]
    public void A_label_dropped_later_on_the_route_is_missing()
    {
        var config = GoodConfigWith("  stage.static_labels {", "  stage.label_drop {\n    values = [\"compose_project\"]\n  }\n\n  stage.static_labels {");

        LabelFindings(config).Should().ContainSingle().Which.Should().Contain("without the label compose_project:");
    }
}
