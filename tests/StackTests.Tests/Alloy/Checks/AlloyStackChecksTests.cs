using StackTests.Compose;
using StackTests.Lint.Alloy;
using static StackTests.Tests.Alloy.Checks.AlloyFixtures;

namespace StackTests.Tests.Alloy.Checks;

public sealed class AlloyStackChecksTests
{
    private const string Url = "url = \"http://loki:3100/loki/api/v1/push\"";

    [Fact]
    public void The_good_config_has_no_findings_against_the_stack()
    {
        AlloyChecks.CheckStack(ConfigPath, GoodConfig, StackCompose).Should().BeEmpty();
    }

    [Fact]
    public void Stack_checks_include_the_file_checks()
    {
        var config = GoodConfigWith("[loki.write.default.receiver]", "[loki.write.nope.receiver]");

        AlloyChecks.CheckStack(ConfigPath, config, StackCompose).Select(f => f.RuleId).Should().Contain(AlloyRuleIds.UnresolvedReference);
    }

    [Theory]
    [InlineData("http://localhost:3100/loki/api/v1/push", "pushes to host 'localhost'; inside the compose network Loki is reached by its service name 'loki'")]
    [InlineData("http://loki:3101/loki/api/v1/push", "pushes to port 3101, but the loki service of compose/compose.yaml listens on 3100")]
    [InlineData("http://loki/loki/api/v1/push", "pushes to port 80, but the loki service of compose/compose.yaml listens on 3100")]
    [InlineData("http://loki:3100/api/prom/push", "pushes to path '/api/prom/push'; Loki's push API is /loki/api/v1/push")]
    [InlineData("loki:3100", "is not an http(s) URL")]
    public void A_loki_write_url_that_misses_the_loki_service_is_reported(string url, string problem)
    {
        var config = GoodConfigWith(Url, $"url = \"{url}\"");

        var finding = AlloyChecks.CheckStack(ConfigPath, config, StackCompose).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be(AlloyRuleIds.LokiEndpoint);
        finding.Line.Should().Be(LineOf(config, "url = "));
        finding.Column.Should().Be(11);
        finding.Message.Should().Contain(problem);
    }

    [Fact]
    public void A_compose_file_without_a_loki_service_is_reported()
    {
        var compose = ComposeFile.Parse("compose/compose.yaml", "services:\n  alloy:\n    image: grafana/alloy:v1.11.0\n");

        var finding = AlloyChecks.CheckStack(ConfigPath, GoodConfig, compose).Should().ContainSingle().Subject;

        finding.Message.Should().Be("loki.write.default pushes to loki:3100, but compose/compose.yaml has no 'loki' service");
    }

    [Fact]
    public void Listening_ports_can_come_from_the_caller_to_count_expose_entries()
    {
        var config = GoodConfigWith(Url, "url = \"http://loki:3200/loki/api/v1/push\"");

        AlloyChecks.CheckStack(ConfigPath, config, StackCompose, _ => new HashSet<int> { 3100, 3200 }).Should().BeEmpty();
        AlloyChecks.CheckStack(ConfigPath, config, StackCompose).Should().ContainSingle();
    }
}
