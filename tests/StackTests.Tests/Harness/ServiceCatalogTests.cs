using StackTests.Harness;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>The catalog's local recipes keep up with compose.yaml, and compose names what the suite reaches.</summary>
public sealed class ServiceCatalogTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);

    [Fact]
    public void Every_compose_service_has_a_local_recipe() =>
        Compose.Services.Select(s => s.Name).Should().BeSubsetOf(ServiceCatalog.Known);

    [Fact]
    public void Every_container_port_compose_publishes_has_a_name_in_x_stacktests()
    {
        var unnamed = Compose.Services.SelectMany(s => s.Ports
            .Where(p => s.PortName(p.ContainerPort) is null)
            .Select(p => $"{s.Name}:{p.ContainerPort} (line {p.Line})"));
        unnamed.Should().BeEmpty();
    }

    [Fact]
    public void Every_service_with_a_port_has_a_readiness_probe() =>
        Compose.Services.Where(s => s.ContainerPorts.Count > 0 && s.Readiness is null).Select(s => s.Name).Should().BeEmpty();

    [Fact]
    public void The_ports_a_recipe_keeps_on_127_0_0_1_are_named_in_compose()
    {
        foreach (var name in ServiceCatalog.Known)
            foreach (var port in ServiceCatalog.Local(name)!.LoopbackPorts ?? [])
                Compose.Service(name).NamedPorts.Should().ContainKey(port, $"{name}'s recipe keeps '{port}' on 127.0.0.1");
    }
}
