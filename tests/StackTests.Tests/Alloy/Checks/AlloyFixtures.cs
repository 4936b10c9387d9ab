using StackTests.Compose;

namespace StackTests.Tests.Alloy.Checks;

/// <summary>A config that passes every Alloy check, and the compose stack it runs in; tests break one thing at a time.</summary>
public static class AlloyFixtures
{
    public const string ConfigPath = "compose/alloy/config.alloy";

    public const string GoodConfig = """
        discovery.docker "containers" {
          host = "unix:///var/run/docker.sock"
        }

        discovery.relabel "containers" {
          targets = discovery.docker.containers.targets

          rule {
            source_labels = ["__meta_docker_container_name"]
            regex         = "/(.*)"
            target_label  = "container"
          }

          rule {
            source_labels = ["__meta_docker_container_label_com_docker_compose_service"]
            target_label  = "compose_service"
          }

          rule {
            source_labels = ["__meta_docker_container_label_com_docker_compose_project"]
            target_label  = "compose_project"
          }

          rule {
            source_labels = ["__meta_docker_container_log_stream"]
            target_label  = "stream"
          }
        }

        loki.source.docker "containers" {
          host          = "unix:///var/run/docker.sock"
          targets       = discovery.relabel.containers.output
          relabel_rules = discovery.relabel.containers.rules
          forward_to    = [loki.process.containers.receiver]
        }

        loki.process "containers" {
          forward_to = [loki.write.default.receiver]

          stage.static_labels {
            values = { job = "docker" }
          }
        }

        loki.write "default" {
          endpoint {
            url = "http://loki:3100/loki/api/v1/push"
          }
        }
        """;

    public static readonly ComposeFile StackCompose = ComposeFile.Parse("compose/compose.yaml", """
        name: obstackd
        services:
          loki:
            image: grafana/loki:3.7.6
            ports: ["127.0.0.1:3100:3100"]
          alloy:
            image: grafana/alloy:v1.11.0
        """);

    /// <summary>The good config with one piece of text replaced; fails if the piece is not there.</summary>
    public static string GoodConfigWith(string replace, string with)
    {
        GoodConfig.Should().Contain(replace, "the fixture must contain the text a test changes");
        return GoodConfig.Replace(replace, with);
    }

    public static int LineOf(string text, string piece) =>
        text[..text.IndexOf(piece, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
}
