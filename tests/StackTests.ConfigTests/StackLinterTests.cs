using StackTests.Config;

namespace StackTests.ConfigTests;

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
}
