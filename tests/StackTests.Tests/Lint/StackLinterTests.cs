using StackTests.Lint;

namespace StackTests.Tests.Lint;

[Trait("Tier", "integration")]
public sealed class StackLinterTests
{
    [Fact]
    public void A_broken_rule_is_reported_once_by_the_rules_check()
    {
        using var stack = TestPaths.CopyOfCompose();
        var rules = stack.PathOf("prometheus/rules/stack-alerts.yml");
        File.WriteAllText(rules, new Mutation("broken rule", "", "expr: up == 0", "expr: up == ", "", "").Apply(File.ReadAllText(rules)));

        var findings = new StackLinter(SharedGrammar.Value).Lint(stack.Folder);

        // promtool check config and test rules load the same file and say the same; one line is enough.
        findings.Should().ContainSingle(f => f.Message.Contains("could not parse expression", StringComparison.Ordinal))
            .Which.Should().Match<Finding>(f => f.RuleId == RuleIds.PrometheusRules && f.Path == rules && f.Line > 0);
    }

    [Fact]
    public void A_dashboard_without_uid_is_a_warning_on_its_own_and_an_error_in_a_stack()
    {
        using var stack = TestPaths.CopyOfCompose();
        var dashboard = stack.PathOf("grafana/dashboards/infrastructure-overview.json");
        File.WriteAllText(dashboard, File.ReadAllText(dashboard).Replace("\"uid\": \"infrastructure-overview\",", "", StringComparison.Ordinal));

        var alone = new StackLinter(SharedGrammar.Value).Lint(dashboard);
        var inStack = new StackLinter(SharedGrammar.Value).Lint(stack.Folder);

        alone.Should().ContainSingle(f => f.RuleId == RuleIds.DashboardUid).Which.Severity.Should().Be(Severity.Warning);
        inStack.Should().Contain(f => f.RuleId == RuleIds.DashboardUid && f.Severity == Severity.Error && f.Path == dashboard);
    }

    [Fact]
    public void A_folder_given_relative_gets_relative_paths()
    {
        using var stack = TestPaths.CopyOfCompose();
        var compose = stack.PathOf("compose.yaml");
        File.WriteAllText(compose, File.ReadAllText(compose).Replace("grafana/loki:3.7.6", "grafana/loki", StringComparison.Ordinal));
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), stack.Folder);

        var findings = new StackLinter(SharedGrammar.Value).Lint(relative);

        findings.Should().ContainSingle(f => f.RuleId == RuleIds.ComposeImageTag)
            .Which.Path.Should().Be(Path.Combine(relative, "compose.yaml"));
    }

    // Alloy's own converter writes forward_to = [] for a source nothing reads; Alloy loads it.
    private const string SourceForwardingNowhere = """
        loki.source.file "app" {
          targets    = [{"__path__" = "/var/log/app.log"}]
          forward_to = []
        }
        """;

    [Fact]
    public void A_convention_of_this_stack_is_an_error_inside_a_stack_and_a_warning_in_a_file_of_its_own()
    {
        using var stack = TestPaths.CopyOfCompose();
        var alloy = stack.PathOf("alloy/config.alloy");
        File.WriteAllText(alloy, File.ReadAllText(alloy) + "\n" + SourceForwardingNowhere);
        var inStack = new StackLinter(SharedGrammar.Value).Lint(stack.Folder).Where(f => f.Path == alloy && f.RuleId == "alloy-forward-chain").ToList();
        inStack.Should().NotBeEmpty().And.OnlyContain(f => f.Severity == Severity.Error);

        var alone = Path.Combine(stack.Folder, "..", $"{Guid.NewGuid():N}.alloy");
        File.WriteAllText(alone, SourceForwardingNowhere);
        try
        {
            var findings = new StackLinter(SharedGrammar.Value).Lint(alone);
            findings.Should().NotContain(f => f.Severity == Severity.Error, "Alloy loads this file as it is");
            findings.Should().Contain(f => f.RuleId == "alloy-forward-chain" && f.Severity == Severity.Warning
                                           && f.Message.EndsWith("(a convention of this stack: a warning outside a compose stack)", StringComparison.Ordinal));
        }
        finally { File.Delete(alone); }
    }
}
