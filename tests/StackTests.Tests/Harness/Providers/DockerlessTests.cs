using StackTests.Harness;
using System.Diagnostics;
using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>Where no Docker engine answers, the container stacks say so at once, before building anything.</summary>
public sealed class DockerlessTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_testcontainers_stack_fails_fast_with_a_clear_message_without_docker()
    {
        if (DockerProbe.IsAvailable) Assert.Skip("a Docker engine answers here; this test is about its absence");
        await using var stack = new TestcontainersStack(Compose, ["core"], "run-test", Path.Combine(TestRun.Directory, "tc-nodocker"));
        var clock = Stopwatch.StartNew();
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>()).WithMessage("testcontainers stack: no Docker engine answers*use --stack local");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        stack.RunningServices.Should().BeEmpty();
        stack.Unavailable("prometheus").Should().Be("the testcontainers stack is not started");
    }

    [Fact]
    public async Task The_compose_stack_fails_with_a_clear_message_when_docker_or_its_engine_is_missing()
    {
        if (DockerProbe.IsAvailable) Assert.Skip("a Docker engine answers here; this test is about its absence");
        await using var stack = new DockerComposeStack(Compose, ["core"], "run-test", Path.Combine(TestRun.Directory, "compose-nodocker"));
        var start = () => stack.StartAsync(Token);
        (await start.Should().ThrowAsync<StackStartException>())
            .Which.Message.Should().MatchRegex("^(compose stack: the Docker engine does not answer|the docker CLI cannot be run).*use --stack local$");
    }

    [Fact]
    public void Auto_chooses_the_local_stack_where_no_docker_engine_answers()
    {
        StackFactory.Resolve("auto").Should().Be(DockerProbe.IsAvailable ? "testcontainers" : "local");
        StackFactory.Resolve(null).Should().Be(StackFactory.Resolve("auto"));
        StackFactory.Resolve("compose").Should().Be("compose");
    }

    [Fact]
    public void An_unknown_provider_is_refused_listing_the_providers()
    {
        var create = () => StackFactory.Create("kubernetes", ["core"], Path.GetTempPath());
        create.Should().Throw<ArgumentException>()
            .WithMessage("unknown stack provider 'kubernetes' (STACKTESTS_STACK / --stack); choose one of: auto, local, testcontainers, compose, external");
    }
}
