using StackTests.Harness;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>The docker compose command lines of the compose stack.</summary>
public sealed class ComposeCommandsTests
{
    private static readonly ComposeCommands Commands = new("stacktests-run-1", "/repo/compose/compose.yaml", ["core", "iot"], "/run/override.yaml");
    private static readonly string[] Base = ["compose", "-p", "stacktests-run-1", "-f", "/repo/compose/compose.yaml", "-f", "/run/override.yaml",
        "--profile", "core", "--profile", "iot"];

    [Fact]
    public void Up_starts_the_named_services_and_waits_for_health_within_a_bound() =>
        Commands.Up(TimeSpan.FromMinutes(5), ["prometheus", "pushgateway"]).Should()
            .Equal([.. Base, "up", "-d", "--wait", "--wait-timeout", "300", "prometheus", "pushgateway"]);

    [Fact]
    public void Without_an_override_file_only_compose_yaml_is_named() =>
        new ComposeCommands("p", "/c.yaml", ["iot"]).Down().Should().Equal("compose", "-p", "p", "-f", "/c.yaml", "--profile", "iot", "down", "-v", "--remove-orphans");

    [Fact]
    public async Task A_missing_docker_cli_is_named()
    {
        var run = () => new DockerCli("/nonexistent/docker").RunAsync(["version"], TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        (await run.Should().ThrowAsync<StackStartException>()).WithMessage("the docker CLI cannot be run (*): install Docker, or use --stack local");
    }

    [Fact]
    public void Service_commands_name_the_project_file_profiles_and_service()
    {
        Commands.Port("prometheus", 9090).Should().Equal([.. Base, "port", "prometheus", "9090"]);
        Commands.Logs("loki", 50).Should().Equal([.. Base, "logs", "--no-color", "--no-log-prefix", "--tail", "50", "loki"]);
        Commands.Stop("loki").Should().Equal([.. Base, "stop", "loki"]);
        Commands.Start("loki").Should().Equal([.. Base, "start", "loki"]);
        Commands.Restart("loki").Should().Equal([.. Base, "restart", "loki"]);
        Commands.Down().Should().Equal([.. Base, "down", "-v", "--remove-orphans"]);
    }

    [Theory]
    [InlineData("run-20261124-ab12", "stacktests-run-20261124-ab12")]
    [InlineData("Run.With Spaces", "stacktests-run-with-spaces")]
    public void The_project_name_is_unique_per_run_and_valid_for_compose(string runId, string project) =>
        ComposeCommands.ProjectFor(runId).Should().Be(project);

    [Theory]
    [InlineData("127.0.0.1:9090\n", "http://127.0.0.1:9090/")]
    [InlineData("0.0.0.0:32768", "http://127.0.0.1:32768/")]
    [InlineData("[::]:32768", "http://127.0.0.1:32768/")]
    public void A_port_answer_becomes_a_url(string answer, string url) =>
        DockerComposeStack.ParsePortAnswer(answer)!.ToString().Should().Be(url);

    [Fact]
    public void An_unpublished_port_has_no_url() => DockerComposeStack.ParsePortAnswer("").Should().BeNull();
}
