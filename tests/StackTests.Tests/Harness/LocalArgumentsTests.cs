using StackTests.Harness;
using StackTests.Compose;

namespace StackTests.Tests.Harness;

/// <summary>The command lines the catalog builds for local processes, checked against each program's own flag parsing.</summary>
public sealed class LocalArgumentsTests
{
    private static readonly ComposeFile Compose = ComposeFile.Load(RepositoryLayout.ComposeFile);

    private static IReadOnlyList<string> Arguments(string service, string binary, string directory, params string[] command) =>
        ServiceCatalog.Local(service)!.Arguments(
            new LocalContext("127.0.0.20", binary, directory, path => directory + "/" + path.Trim('/').Replace('/', '_'), Compose.Service(service).Port), command);

    [Theory]
    // Debian's builds default these to the host's /var/lib/prometheus, which every run on the host
    // would share; a compose command without them gets the upstream image's default instead.
    [InlineData("pushgateway", "--persistence.file=")]
    [InlineData("prometheus", "--storage.tsdb.path=data/")]
    [InlineData("alertmanager", "--storage.path=data/")]
    public void A_data_path_compose_does_not_set_stays_out_of_the_hosts_var_lib(string service, string expected)
    {
        Arguments(service, "/usr/bin/x", "/run/x").Should().Contain(expected);
        var flag = expected[..expected.IndexOf('=')];
        Arguments(service, "/usr/bin/x", "/run/x", $"{flag}=/run/x/mine").Should().Contain($"{flag}=/run/x/mine").And.NotContain(expected);
    }

    [Fact]
    public void Grafana_runs_its_server_command_with_overrides_grafana_applies_as_section_dot_key()
    {
        Arguments("grafana", "/opt/grafana/bin/grafana", "/run/grafana").Should().Equal(
            "server", "--homepath=/opt/grafana",
            "cfg:server.http_addr=127.0.0.20",
            "cfg:paths.data=/run/grafana/var_lib_grafana",
            "cfg:paths.logs=/run/grafana/logs",
            "cfg:paths.plugins=/run/grafana/plugins",
            "cfg:paths.provisioning=/run/grafana/etc_grafana_provisioning");
        Arguments("grafana", "/opt/grafana/bin/grafana-server", "/run/grafana").Should().NotContain("server");
    }

    [Fact]
    public void A_grafana_override_whose_value_holds_an_equals_sign_is_refused_naming_it()
    {
        // Grafana splits "cfg:key=value" on every '=' and exits on more than one (pkg/setting/setting.go).
        var build = () => Arguments("grafana", "/opt/grafana/bin/grafana", "/run/a=b/grafana");
        build.Should().Throw<StackStartException>().WithMessage("*cfg:paths.data=/run/a=b/grafana/var_lib_grafana*'='*");
    }

    [Fact]
    public void Alloy_listens_on_its_address_with_one_listen_flag()
    {
        Arguments("alloy", "/usr/bin/alloy", "/run/alloy", "run", "--server.http.listen-addr=127.0.0.20:12345", "--storage.path=/d", "/c.alloy")
            .Should().Equal("run", "--storage.path=/d", "/c.alloy", "--server.http.listen-addr=127.0.0.20:12345");
    }
}
