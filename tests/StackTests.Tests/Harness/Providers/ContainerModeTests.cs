using StackTests.Harness;
using System.Diagnostics;
using StackTests.Compose;
using StackTests.Harness.Emitters;
using StackTests.Harness.Providers;
using YamlDotNet.RepresentationModel;

namespace StackTests.Tests.Harness.Providers;

/// <summary>The pieces of the container modes that need no engine: images, selection, labels, the override file.</summary>
public sealed class ContainerModeTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);

    [Theory]
    [InlineData("prom/prometheus:v3.5.3", null, "prom/prometheus:v3.5.3")]
    [InlineData("prom/prometheus:v3.5.3", "stacktests.local", "stacktests.local/prom/prometheus:v3.5.3")]
    [InlineData("ghcr.io/hikhvar/mqtt2prometheus:v0.1.7", "mirror.example:5000/", "mirror.example:5000/ghcr.io/hikhvar/mqtt2prometheus:v0.1.7")]
    public void A_registry_prefix_goes_before_the_whole_reference(string reference, string? registry, string expected) =>
        ImageReference.WithRegistry(reference, registry?.TrimEnd('/')).Should().Be(expected);

    [Theory]
    [InlineData("stacktests.local/prom/prometheus:v3.5.3", "stacktests.local/prom/prometheus", "v3.5.3")]
    [InlineData("mirror:5000/busybox", "mirror:5000/busybox", "latest")]
    [InlineData("busybox@sha256:abc", "busybox", "sha256:abc")]
    public void A_reference_splits_into_name_and_tag(string reference, string name, string tag) =>
        ImageReference.Split(reference).Should().Be((name, tag));

    [Fact]
    public void A_selected_service_brings_what_it_depends_on_and_nothing_else()
    {
        ServiceSelection.WithDependencies(Compose, ["otel-collector"]).Should().BeEquivalentTo(["otel-collector", "tempo", "loki"]);
        ServiceSelection.WithDependencies(Compose, ["mqtt-exporter", "prometheus"]).Should().BeEquivalentTo(["mqtt-exporter", "mosquitto", "prometheus"]);
        Compose.Only(new HashSet<string> { "prometheus" }).Services.Select(s => s.Name).Should().Equal("prometheus");
        Compose.Only(null).Should().BeSameAs(Compose);
    }

    [Fact]
    public void A_needed_service_compose_does_not_know_is_named()
    {
        var select = () => ServiceSelection.WithDependencies(Compose, ["lokii"]);
        select.Should().Throw<ArgumentException>().WithMessage("no service 'lokii' in *compose.yaml (services: prometheus, *)");
    }

    [Fact]
    public void Services_depending_on_one_that_cannot_start_are_blocked_with_the_chain()
    {
        var blocked = DependencyOrder.Blocked(
            new Dictionary<string, string?> { ["tempo"] = "image missing", ["loki"] = null, ["otel-collector"] = null, ["grafana"] = null },
            s => s switch { "otel-collector" => ["tempo", "loki"], "grafana" => ["otel-collector"], _ => [] });
        blocked.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["tempo"] = "image missing",
            ["otel-collector"] = "depends on tempo, which cannot start: image missing",
            ["grafana"] = "depends on otel-collector, which cannot start: depends on tempo, which cannot start: image missing",
        });
    }

    [Fact]
    public void This_process_owns_its_resources_and_a_process_that_ended_leaves_orphans()
    {
        ProcessOwner.Current.Should().StartWith($"{Environment.MachineName}/{Environment.ProcessId}/");
        ProcessOwner.HasEnded(ProcessOwner.Current).Should().BeFalse();

        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        ended.WaitForExit();
        ProcessOwner.Of(ended.Id).Should().BeNull();
        ProcessOwner.HasEnded($"{Environment.MachineName}/{ended.Id}/12345").Should().BeTrue();
        // A reused pid is another process: its start time differs.
        ProcessOwner.HasEnded($"{Environment.MachineName}/{Environment.ProcessId}/1").Should().BeTrue();
        // Another host's resources, or a label we did not write, are not ours to judge.
        ProcessOwner.HasEnded($"other-host/{Environment.ProcessId}/1").Should().BeFalse();
        ProcessOwner.HasEnded("garbage").Should().BeFalse();
        ProcessOwner.HasEnded(null).Should().BeFalse();
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("Run With/Spaces:and*stars")]
    [InlineData("run-20261130-abcdef-with-a-very-long-suffix-that-goes-on-and-on-and-on")]
    public void The_log_writers_name_is_valid_for_docker_whatever_the_run_id(string runId)
    {
        var name = LogWritingContainer.NameFor(runId, Guid.NewGuid());
        name.Should().MatchRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$").And.StartWith("stacktests-log-writer-");
        name.Length.Should().BeLessThanOrEqualTo(80);
        LogWritingContainer.NameFor(runId, Guid.NewGuid()).Should().NotBe(name, "two writers of one run get two names");
    }

    [Fact]
    public void The_override_publishes_every_port_on_an_ephemeral_loopback_port_with_the_run_labels_and_images()
    {
        var services = Compose.Services.Where(s => s.Name is "prometheus" or "mosquitto").ToList();
        var yaml = ComposeOverride.For(services, ["prometheus-data"], DockerResources.Labels("run-1"), r => "mirror/" + r);

        var root = (YamlMappingNode)Load(yaml);
        var prometheus = (YamlMappingNode)((YamlMappingNode)root["services"])["prometheus"];
        prometheus["image"].ToString().Should().Be("mirror/prom/prometheus:v3.5.3");
        prometheus["ports"].Tag.Value.Should().Be("!override");
        ((YamlSequenceNode)prometheus["ports"]).Select(p => p.ToString()).Should().Equal("127.0.0.1::9090");
        ((YamlMappingNode)prometheus["labels"])[DockerResources.RunIdLabel].ToString().Should().Be("run-1");
        ((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["networks"])["default"])["labels"])[DockerResources.OwnerLabel]
            .ToString().Should().Be(ProcessOwner.Current);
        ((YamlMappingNode)root["volumes"]).Children.Keys.Select(k => k.ToString()).Should().Equal("prometheus-data");
    }

    private static YamlNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents[0].RootNode;
    }
}
