using System.Text.Json;
using StackTests.Harness.Clients;
using StackTests.Lint.Grafana;
using StackTests.Models.Grafana;

namespace StackTests.Tests.Harness.Clients;

// jsonData as GET /api/datasources/uid/{uid} returns it for the datasources provisioned in
// compose/grafana/provisioning/datasources/datasources.yaml (Grafana docs: "Provision Grafana",
// Loki derivedFields and Tempo tracesToLogsV2 examples).
public sealed class GrafanaCorrelationsTests
{
    private static GrafanaDatasource Datasource(string uid, string type, string jsonData) =>
        new(uid, uid, type, $"http://{uid}", false) { JsonData = JsonDocument.Parse(jsonData).RootElement };

    private static readonly GrafanaDatasource Loki = Datasource("loki", "loki", """
        {"maxLines":1000,"derivedFields":[{"name":"TraceID","matcherType":"regex",
          "matcherRegex":"[Tt]race_?[Ii][Dd]\"?[=:]\\s*\"?(\\w+)","url":"${__value.raw}","datasourceUid":"tempo","urlDisplayLabel":"View trace"}]}
        """);

    private static readonly GrafanaDatasource Tempo = Datasource("tempo", "tempo", """
        {"tracesToLogsV2":{"datasourceUid":"loki","spanStartTimeShift":"-5m","spanEndTimeShift":"5m",
          "filterByTraceID":true,"filterBySpanID":false,"tags":[{"key":"service.name","value":"service_name"}]}}
        """);

    [Theory]
    [InlineData("order placed run_id=r1 trace_id=0af7651916cd43dd8448eb211c80319c", "0af7651916cd43dd8448eb211c80319c")]
    [InlineData("{\"level\":\"info\",\"traceId\": \"4bf92f3577b34da6a3ce929d0e0e4736\"}", "4bf92f3577b34da6a3ce929d0e0e4736")]
    [InlineData("TraceID=abc123 done", "abc123")]
    public void The_derived_field_takes_the_trace_id_out_of_the_line(string line, string expected)
    {
        var field = DerivedField.Of(Loki).Single();
        field.DatasourceUid.Should().Be("tempo");
        field.ValueIn(line).Should().Be(expected);
    }

    [Fact]
    public void A_line_without_a_trace_id_derives_nothing() =>
        DerivedField.Of(Loki).Single().ValueIn("order placed run_id=r1").Should().BeNull();

    [Fact]
    public void A_datasource_without_derived_fields_has_none() =>
        DerivedField.Of(Datasource("loki", "loki", """{"maxLines":1000}""")).Should().BeEmpty();

    [Fact]
    public void Traces_to_logs_builds_the_query_Grafana_12_builds_for_a_span()
    {
        var link = TracesToLogs.Of(Tempo)!;
        var traceId = TraceId.Parse("0af7651916cd43dd8448eb211c80319c");

        var query = link.LokiQueryFor(traceId, "b7ad6b7169203331", new Dictionary<string, string> { ["service.name"] = "checkout", ["http.method"] = "GET" });

        link.DatasourceUid.Should().Be("loki");
        query.Should().Be("{service_name=\"checkout\"} | label_format log_line_contains_trace_id=`{{ contains \"0af7651916cd43dd8448eb211c80319c\" __line__  }}`"
                          + " | log_line_contains_trace_id=\"true\" or trace_id=\"0af7651916cd43dd8448eb211c80319c\"");
    }

    [Fact]
    public void No_link_when_no_configured_tag_is_among_the_span_attributes() =>
        TracesToLogs.Of(Tempo)!.LokiQueryFor(TraceId.Parse("0af7651916cd43dd8448eb211c80319c"), "b7ad6b7169203331",
            new Dictionary<string, string> { ["http.method"] = "GET" }).Should().BeNull();

    [Fact]
    public void A_custom_query_has_the_span_ids_filled_in()
    {
        var custom = TracesToLogs.Of(Datasource("tempo", "tempo", """
            {"tracesToLogsV2":{"datasourceUid":"loki","customQuery":true,"query":"{job=~\".+\"} |= \"${__span.traceId}\""}}
            """))!;
        custom.LokiQueryFor(TraceId.Parse("0af7651916cd43dd8448eb211c80319c"), "b7ad6b7169203331", new Dictionary<string, string>())
            .Should().Be("{job=~\".+\"} |= \"0af7651916cd43dd8448eb211c80319c\"");
    }

    [Theory]
    [InlineData("{job=\"a\"} |= \"${__trace.traceId}\" |= \"${__span.spanId}\"", "{job=\"a\"} |= \"0af7651916cd43dd8448eb211c80319c\" |= \"b7ad6b7169203331\"")]
    [InlineData("{job=\"a\"} |= \"${__span.traceId:raw}\"", "{job=\"a\"} |= \"0af7651916cd43dd8448eb211c80319c\"")]
    [InlineData("{job=\"a\"} |= \"${__span.tags.missing}\"", null)] // a variable the span does not define: no link
    [InlineData("{job=\"$job\"}", null)]
    public void A_custom_query_is_substituted_as_Grafana_s_template_service_does(string query, string? expected)
    {
        var custom = TracesToLogs.Of(Datasource("tempo", "tempo",
            """{"tracesToLogsV2":{"datasourceUid":"loki","customQuery":true,"query":""" + System.Text.Json.JsonSerializer.Serialize(query) + "}}"))!;
        custom.LokiQueryFor(TraceId.Parse("0af7651916cd43dd8448eb211c80319c"), "b7ad6b7169203331", new Dictionary<string, string>())
            .Should().Be(expected);
    }
}
