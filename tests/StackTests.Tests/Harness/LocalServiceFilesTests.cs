using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness;

/// <summary>A local service's run folder and command line, built from a compose file in a scratch folder.</summary>
public sealed class LocalServiceFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "stacktests-files-" + Guid.NewGuid().ToString("N")[..8]);

    public LocalServiceFilesTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (IReadOnlyList<string> Arguments, string RunFolder) Prepare(string service, string yaml, params (string Path, string Text)[] files)
    {
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(_directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        var compose = ComposeFile.Parse(Path.Combine(_directory, "compose.yaml"), yaml, _ => null);
        var stack = new LocalStack(compose, [], Path.Combine(_directory, "run"), "127.0.0");
        var layout = new LocalServiceFiles(compose, stack.AddressOf);
        var folder = Path.Combine(_directory, "run", service);
        return (layout.Prepare(new LocalService(compose.Service(service), stack.AddressOf(service)), folder), folder);
    }

    [Fact]
    public void Config_edits_apply_to_the_copied_config_and_never_to_the_command_line()
    {
        var (arguments, folder) = Prepare("loki", """
            services:
              loki:
                image: grafana/loki:3.7.6
                command: [-config.file=/etc/loki/loki.yaml, -config.expand-env=true]
                ports: ["127.0.0.1:3100:3100"]
                volumes: ["./loki/loki.yaml:/etc/loki/loki.yaml:ro"]
            """, ("loki/loki.yaml", "server:\n  http_listen_port: 3100\n"));

        var config = Path.Combine(folder, "etc_loki_loki.yaml");
        arguments.Should().Equal($"-config.file={config}", "-config.expand-env=true");
        File.ReadAllText(config).Should().Contain("http_listen_address: 127.0.0.10").And.Contain("grpc_listen_address: 127.0.0.10");
    }

    [Fact]
    public void Host_names_and_container_paths_in_arguments_are_still_mapped()
    {
        var (arguments, folder) = Prepare("alloy", """
            services:
              loki:
                image: grafana/loki:3.7.6
              alloy:
                image: grafana/alloy:v1.19.1
                command: [run, --server.http.listen-addr=0.0.0.0:12345, --storage.path=/var/lib/alloy/data, /etc/alloy/config.alloy]
                volumes: ["./alloy/config.alloy:/etc/alloy/config.alloy:ro", "alloy-data:/var/lib/alloy/data"]
                ports: ["127.0.0.1:12345:12345"]
                x-stacktests: {ports: {http: 12345}}
            volumes:
              alloy-data:
            """, ("alloy/config.alloy", "loki.write \"default\" { endpoint { url = \"http://loki:3100/loki/api/v1/push\" } }\n"));

        arguments.Should().Equal("run", $"--storage.path={Path.Combine(folder, "var_lib_alloy_data")}",
            Path.Combine(folder, "etc_alloy_config.alloy"), "--server.http.listen-addr=127.0.0.11:12345");
        File.ReadAllText(Path.Combine(folder, "etc_alloy_config.alloy")).Should().Contain("http://127.0.0.10:3100/loki/api/v1/push");
    }
}
