using StackTests.Compose;

namespace StackTests.Harness.Tests;

/// <summary>The catalog keeps up with compose.yaml: it knows every service and names every published port.</summary>
public sealed class ServiceCatalogTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);

    [Fact]
    public void Every_compose_service_is_in_the_catalog() =>
        Compose.Services.Select(s => s.Name).Should().BeSubsetOf(ServiceCatalog.Known.Select(d => d.Name));

    [Fact]
    public void Every_container_port_compose_publishes_has_a_name_in_the_catalog()
    {
        var unnamed = Compose.Services.SelectMany(s => s.Ports
            .Where(p => ServiceCatalog.Get(s.Name).PortName(p.ContainerPort) is null)
            .Select(p => $"{s.Name}:{p.ContainerPort}"));
        unnamed.Should().BeEmpty();
    }

    [Fact]
    public void Readiness_probes_use_a_port_the_service_exposes()
    {
        foreach (var service in Compose.Services)
            if (ServiceCatalog.Get(service.Name).Readiness is { } probe)
                service.Ports.Select(p => p.ContainerPort).Should().Contain(probe.Port, $"{service.Name}'s probe {probe}");
    }

    [Fact]
    public void Named_ports_are_looked_up_by_name()
    {
        ServiceCatalog.Port("otel-collector", "otlp-http").Should().Be(4318);
        ServiceCatalog.Port("otel-collector", "health").Should().Be(13133);
        var unknown = () => ServiceCatalog.Port("prometheus", "otlp-http");
        unknown.Should().Throw<KeyNotFoundException>().WithMessage("*no port 'otlp-http' for prometheus (known: http)");
    }
}
