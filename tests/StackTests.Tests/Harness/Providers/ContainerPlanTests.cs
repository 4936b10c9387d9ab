using StackTests.Harness;
using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Providers;

/// <summary>The containers the testcontainers stack would create, read from the project's compose.yaml.</summary>
public sealed class ContainerPlanTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
    private static readonly IReadOnlyList<ContainerPlan> Plans = ContainerPlan.For(Compose, ["core", "iot"], "Run-42");

    private static ContainerPlan Plan(string service) => Plans.Single(p => p.Service == service);

    [Fact]
    public void Every_service_of_the_chosen_profiles_is_planned_with_its_name_as_network_alias()
    {
        Plans.Select(p => p.Service).Should().Equal(Compose.ServicesFor(["core", "iot"]).Select(s => s.Name));
        Plans.Should().OnlyContain(p => p.NetworkAlias == p.Service && p.Unavailable == null);
        ContainerPlan.For(Compose, ["core"], "r").Select(p => p.Service).Should().NotContain("mosquitto");
    }

    [Fact]
    public void Image_command_mounts_ports_and_readiness_come_from_compose()
    {
        var loki = Plan("loki");
        var service = Compose.Service("loki");
        loki.Image.Should().Be(ImageReference.Resolve(service.Image!), "compose's image, with STACKTESTS_IMAGE_REGISTRY's prefix when set");
        loki.Command.Should().Equal(service.Command);
        loki.Entrypoint.Should().BeNull("compose keeps the image's entrypoint");
        loki.Binds.Should().Equal(new ContainerBind(Path.Combine(Compose.Directory, "loki", "loki.yaml"), "/etc/loki/loki.yaml", ReadOnly: true));
        loki.Volumes.Should().Equal(new ContainerVolume("stacktests-run-42-loki-data", "/loki", ReadOnly: false));
        loki.ExposedPorts.Should().Equal(3100);
        loki.Readiness.Should().Be(new ReadinessProbe("http", 3100, "/ready", TimeSpan.FromSeconds(60)));
        loki.Readiness!.Timeout.Should().BeGreaterThan(TimeSpan.FromSeconds(15), "Loki answers 503 for about 15 s after start");
    }

    [Fact]
    public void Entrypoint_environment_and_dependencies_are_carried_over()
    {
        Plan("mosquitto").Entrypoint.Should().Equal("/usr/sbin/mosquitto");
        Plan("mosquitto").Readiness.Should().Be(new ReadinessProbe("mqtt", 1883, null, ReadinessProbe.DefaultTimeout));
        Plan("mqtt-exporter").DependsOn.Should().Equal("mosquitto");
        Plan("grafana").Environment.Should().ContainKey("GF_SECURITY_ADMIN_PASSWORD");
        Plan("otel-collector").ExposedPorts.Should().BeEquivalentTo([4317, 4318, 8888, 8889, 13133]);
    }

    [Fact]
    public void Wait_strategies_follow_the_probe_kind()
    {
        TestcontainersStack.WaitFor(Plan("prometheus")).Should().NotBeNull();
        TestcontainersStack.WaitFor(Plan("mosquitto")).Should().NotBeNull();
        TestcontainersStack.WaitFor(Plan("device-simulator")).Should().BeNull("it has no port: running is ready");
    }

    [Fact]
    public void A_service_compose_builds_is_unavailable_with_the_reason()
    {
        var compose = ComposeFile.Parse("/tmp/compose.yaml", """
            services:
              app:
                build: ./app
            """);
        ContainerPlan.For(compose, [], "r").Single().Unavailable
            .Should().Be("compose builds its image from ./app; build and tag it, then name it in 'image:'");
    }
}
