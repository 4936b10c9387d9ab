using StackTests.Harness;
using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness;

/// <summary>The datasources of compose/grafana/provisioning/datasources, read the way Grafana serves them.</summary>
public sealed class GrafanaProvisioningTests
{
    [Fact]
    public void Reads_the_Loki_derived_field_of_the_provisioned_datasources()
    {
        var field = DerivedField.Of(GrafanaProvisioning.Datasource("loki")).Should().ContainSingle().Subject;

        field.DatasourceUid.Should().Be("tempo");
        field.LinkTitle("Tempo").Should().Be("View trace");
        field.ValueIn("order placed run_id=r1 trace_id=0af7651916cd43dd8448eb211c80319c").Should().Be("0af7651916cd43dd8448eb211c80319c");
    }

    [Fact]
    public void Reads_the_Tempo_traces_to_logs_settings_with_their_booleans()
    {
        var link = TracesToLogs.Of(GrafanaProvisioning.Datasource("tempo"));

        link.Should().NotBeNull();
        link!.DatasourceUid.Should().Be("loki");
        link.FilterByTraceId.Should().BeTrue();
        link.FilterBySpanId.Should().BeFalse();
        link.Tags.Should().Equal(("service.name", "service_name"));
    }

    [Fact]
    public void A_doubled_dollar_is_a_literal_dollar_as_in_Grafanas_provisioning()
    {
        var loki = GrafanaProvisioning.Read("datasources.yaml", """
            apiVersion: 1
            datasources:
              - name: Loki
                type: loki
                uid: loki
                jsonData:
                  derivedFields:
                    - name: TraceID
                      url: '$${__value.raw}'
                      urlDisplayLabel: ""
            """).Should().ContainSingle().Subject;

        loki.JsonData.GetProperty("derivedFields")[0].GetProperty("url").GetString().Should().Be("${__value.raw}");
        DerivedField.Of(loki).Single().LinkTitle("Tempo").Should().Be("Tempo", "without urlDisplayLabel Grafana titles the link with the datasource's name");
    }

    [Fact]
    public void A_syntax_error_names_the_file_and_line()
    {
        var act = () => GrafanaProvisioning.Read("broken.yaml", "datasources:\n  - name: [unclosed\n");

        act.Should().Throw<InvalidOperationException>().WithMessage("broken.yaml:*");
    }

    [Fact]
    public void An_unknown_uid_names_the_folder()
    {
        var act = () => GrafanaProvisioning.Datasource("nope");

        act.Should().Throw<InvalidOperationException>().WithMessage("*provisioning*datasources*: no datasource with uid 'nope' is provisioned");
    }
}
