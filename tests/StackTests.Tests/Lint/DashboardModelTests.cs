using StackTests.Lint.Dashboards;
using StackTests.Lint.Grafana;
using StackTests.Lint.Queries;
using StackTests.Models.Dashboards;
using StackTests.Models.Grafana;
using StackTests.Models.Queries;

namespace StackTests.Tests.Lint;

/// <summary>The one model of a Grafana dashboard the checks and the harness share: panels, variables, datasource references.</summary>
public sealed class DashboardModelTests
{
    private const string Json = """
        {"uid":"d","title":"D","tags":["obstackd"],
         "templating":{"list":[
           {"name":"ds","type":"datasource","query":"prometheus","current":{"text":"Prom","value":"prom"}},
           {"name":"env","type":"custom","current":{"value":"prod"}},
           {"name":"job","type":"query","includeAll":true,"current":{"value":["$__all"]},
            "options":[{"value":"$__all"},{"value":"a"},{"value":"b.c"}]},
           {"name":"step","type":"interval","current":{"value":"5m"}}]},
         "panels":[
           {"id":1,"type":"row","title":"Row","collapsed":true,"panels":[
             {"id":2,"type":"stat","title":"Up","datasource":"${ds}","targets":[{"expr":"up"}]}]},
           {"id":3,"type":"timeseries","title":"","datasource":{"type":"prometheus"},"targets":[{"refId":"B","hide":true}]},
           {"id":4,"type":"text","title":"Notes"}],
         "rows":[{"panels":[{"id":5,"type":"graph","title":"Old","datasource":"Loki","targets":[{"refId":"A"}]}]}]}
        """;

    private static readonly IReadOnlyList<GrafanaDatasource> Datasources =
    [
        new("Prometheus", "prom", "prometheus", "http://prometheus:9090", true),
        new("Other", "prom-2", "prometheus", "http://other:9090", false),
        new("Loki", "loki", "loki", "http://loki:3100", false),
    ];

    private static Dashboard Dashboard => Dashboard.Parse("d.json", Json);

    [Fact]
    public void Lists_every_panel_depth_first_with_rows_and_old_rows()
    {
        Dashboard.Panels.Select(p => (p.Id, p.Type, p.HasQueries)).Should().Equal(
            (1, "row", false), (2, "stat", true), (3, "timeseries", true), (4, "text", false), (5, "graph", true));
        Dashboard.Panels[1].Targets.Single().RefId.Should().Be("A", "Grafana names an unnamed target A");
        Dashboard.Panels[2].Targets.Single().Hide.Should().BeTrue();
        Dashboard.Panels[2].Where.Should().Be("panel id 3");
        Dashboard.Tags.Should().Equal("obstackd");
        Dashboard.DurationVariables.Should().Equal("step");
    }

    [Fact]
    public void Reads_datasource_references_by_uid_name_type_and_variable()
    {
        var panels = Dashboard.Panels;
        (panels[1].Datasource!.VariableName, panels[1].Datasource!.IsByName).Should().Be(("ds", false));
        (panels[2].Datasource!.Uid, panels[2].Datasource!.Type).Should().Be((null, "prometheus"));
        (panels[4].Datasource!.Name, panels[4].Datasource!.IsByName).Should().Be(("Loki", true));
        panels[0].Datasource.Should().BeNull("a panel without one inherits");
    }

    [Fact]
    public void Resolves_references_as_Grafana_does()
    {
        var panels = Dashboard.Panels;
        Resolve(panels[1]).Datasource!.Uid.Should().Be("prom", "the variable's current value");
        Resolve(panels[2]).Datasource!.Uid.Should().Be("prom", "a bare type: that type's default datasource");
        Resolve(panels[4]).Datasource!.Uid.Should().Be("loki", "by name");
        ResolvedDatasource.Of(panels[4].Datasource!, Dashboard, datasources: null).Type.Should().Be("loki", "without the datasources a conventional name still tells the type");

        var missing = Dashboard.Parse("x.json", """{"panels":[{"datasource":{"type":"prometheus","uid":"nope"},"targets":[{}]}]}""");
        ResolvedDatasource.ForTarget(missing.Panels[0], missing.Panels[0].Targets[0], missing, Datasources)!.Problem
            .Should().Be("datasource uid 'nope' is not provisioned (uids: loki, prom, prom-2)");
        var undefined = Dashboard.Parse("x.json", """{"panels":[{"datasource":"$gone","targets":[{}]}]}""");
        ResolvedDatasource.Of(undefined.Panels[0].Datasource!, undefined, Datasources).Problem
            .Should().Be("datasource variable '$gone' is not defined in the dashboard's templating");
        var wrongType = Dashboard.Parse("x.json", """{"panels":[{"datasource":{"type":"loki","uid":"prom"},"targets":[{}]}]}""");
        ResolvedDatasource.Of(wrongType.Panels[0].Datasource!, wrongType, Datasources).Problem
            .Should().Be("datasource uid 'prom' has type 'prometheus', not 'loki'");
    }

    private static ResolvedDatasource Resolve(DashboardPanel panel) =>
        ResolvedDatasource.ForTarget(panel, panel.Targets[0], Dashboard, Datasources)!;

    [Fact]
    public void Interpolates_every_variable_form_and_leaves_built_ins_to_the_backend()
    {
        Dashboard.Interpolate("$env ${env} ${env:regex} [[env]] [[env:raw]] $__interval ${__range} [$__auto] $unknown {a=\"$env\"}")
            .Should().Be("prod prod prod prod prod $__interval ${__range} [$__auto] $unknown {a=\"prod\"}",
                "Grafana's frontend replaces variables inside strings too; the backends replace the built-ins");
        Dashboard.Interpolate("x{job=~\"$job\"}").Should().Be("x{job=~\"(a|b\\.c)\"}", "All without allValue: every option, regex-escaped");
        Dashboard.Interpolate("rate(x[$__rate_interval])", name => name == "__rate_interval" ? "1m" : null).Should().Be("rate(x[1m])");
    }

    [Fact]
    public void Knows_which_built_ins_each_backend_replaces()
    {
        BackendVariables.PrometheusOnly.Should().BeEquivalentTo(["__rate_interval", "__rate_interval_ms"],
            "Grafana's Loki backend leaves these in a LogQL query");
        BackendVariables.Loki.Should().Contain("__auto");
    }

    [Fact]
    public void Finds_variable_uses_with_field_and_format()
    {
        TemplateSubstitution.Uses("${__user.id} [[a:csv]] ${b:regex} $c").Select(u => (u.FullName, u.Format)).Should().Equal(
            ("__user.id", null), ("a", "csv"), ("b", "regex"), ("c", null));
    }
}
