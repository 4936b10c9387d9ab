using StackTests.Alloy.Graph;
using StackTests.Alloy.Syntax;

namespace StackTests.Tests.Alloy.Graph;

public sealed class ComponentGraphTests
{
    private const string Pipeline = """
        discovery.docker "containers" {
          host = "unix:///var/run/docker.sock"
        }

        discovery.relabel "containers" {
          targets = discovery.docker.containers.targets
          rule {
            source_labels = ["__meta_docker_container_name"]
            target_label  = "container"
          }
        }

        loki.source.docker "containers" {
          host       = sys.env("DOCKER_HOST")
          targets    = discovery.relabel.containers.output
          forward_to = [loki.process.containers.receiver]
        }

        loki.process "containers" {
          forward_to = [loki.write.default.receiver, loki.write.missing.receiver]
        }

        loki.write "default" {
          endpoint {
            url = "http://loki:3100/loki/api/v1/push"
          }
        }

        logging {
          level = "info"
        }
        """;

    private static ComponentGraph Build(string text) => ComponentGraph.Build(AlloyParser.ParseOrThrow("config.alloy", text));

    [Fact]
    public void Components_are_the_labelled_top_level_blocks_with_ids_of_name_and_label()
    {
        Build(Pipeline).Components.Select(c => c.Id).Should().Equal(
            "discovery.docker.containers", "discovery.relabel.containers", "loki.source.docker.containers",
            "loki.process.containers", "loki.write.default");
    }

    [Fact]
    public void A_reference_resolves_to_the_component_and_its_export()
    {
        var graph = Build(Pipeline);
        var source = graph.Find("loki.source.docker.containers")!;

        var reference = graph.ReferencesIn(source, "targets").Single();

        reference.Target.Should().BeSameAs(graph.Find("discovery.relabel.containers"));
        reference.Export.Should().Be("output");
        reference.Position.Should().Be(new Position(reference.Position.Offset, 15, 16));
    }

    [Fact]
    public void Standard_library_calls_are_not_references()
    {
        var graph = Build(Pipeline);

        graph.References.Select(r => r.Text).Should().NotContain(t => t.StartsWith("sys."));
    }

    [Fact]
    public void A_reference_to_an_undeclared_component_is_unresolved()
    {
        var graph = Build(Pipeline);

        graph.References.Where(r => !r.IsResolved).Select(r => r.Text)
            .Should().Equal("loki.write.missing.receiver");
    }

    [Fact]
    public void References_in_nested_blocks_carry_the_block_path()
    {
        var graph = Build("""
            otelcol.receiver.otlp "default" {
              output {
                traces = [otelcol.exporter.otlp.tempo.input]
              }
            }
            otelcol.exporter.otlp "tempo" {
              client {
                endpoint = "tempo:4317"
              }
            }
            """);

        graph.References.Single().ArgumentPath.Should().Be("output.traces");
    }

    [Fact]
    public void Indexed_and_called_references_are_found()
    {
        var graph = Build("""
            discovery.docker "a" {
              host = "unix:///var/run/docker.sock"
            }
            discovery.relabel "b" {
              targets = array.concat(discovery.docker.a.targets, [discovery.docker.a.targets[0]])
            }
            """);

        graph.References.Select(r => (r.Text, r.Export)).Should().Equal(
            ("discovery.docker.a.targets", "targets"), ("discovery.docker.a.targets", "targets"));
    }

    [Fact]
    public void The_catalog_knows_the_exports_of_the_components_the_stack_uses()
    {
        ComponentCatalog.Find("discovery.docker")!.Exports.Should().Equal("targets");
        ComponentCatalog.Find("discovery.relabel")!.Exports.Should().Equal("output", "rules");
        ComponentCatalog.Find("loki.source.docker")!.Exports.Should().BeEmpty();
        ComponentCatalog.Find("loki.process")!.Exports.Should().Equal("receiver");
        ComponentCatalog.Find("loki.write")!.Exports.Should().Equal("receiver");
        ComponentCatalog.Find("loki.relabel")!.Exports.Should().Equal("receiver", "rules");
        ComponentCatalog.Find("prometheus.scrape")!.Exports.Should().BeEmpty();
        ComponentCatalog.Find("prometheus.remote_write")!.Exports.Should().Equal("receiver");
        ComponentCatalog.Find("otelcol.receiver.otlp")!.Exports.Should().BeEmpty();
        ComponentCatalog.Find("otelcol.processor.tail_sampling")!.Exports.Should().Equal("input");
        ComponentCatalog.Find("otelcol.auth.basic")!.Exports.Should().Equal("handler");
        ComponentCatalog.Find("my.custom.thing").Should().BeNull();
    }
}
