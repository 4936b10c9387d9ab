using StackTests.Harness.Dashboards;

namespace StackTests.Tests.Harness.Dashboards;

// The cases follow Grafana's tempo datasource tests (public/app/plugins/datasource/tempo/datasource.test.ts)
// and the metrics functions of Tempo's docs (docs/sources/tempo/traceql/metrics-queries/functions.md).
public sealed class TraceQlKindTests
{
    [Theory]
    [InlineData("0af7651916cd43dd8448eb211c80319c", TraceQlKind.TraceId)]
    [InlineData("  0AF7651916CD43DD  ", TraceQlKind.TraceId)]
    [InlineData("", TraceQlKind.TraceId)]
    [InlineData("{ resource.service.name = \"api\" }", TraceQlKind.Search)]
    [InlineData("{ status = error } | select(span.http.route)", TraceQlKind.Search)]
    [InlineData("{ } | count() > 2", TraceQlKind.Search)]
    [InlineData("{ status = error } | rate()", TraceQlKind.Metrics)]
    [InlineData("{ } |rate() by (span.http.route)", TraceQlKind.Metrics)]
    [InlineData("{ } | count_over_time() by (resource.service.name)", TraceQlKind.Metrics)]
    [InlineData("{ } | quantile_over_time(duration, .95)", TraceQlKind.Metrics)]
    [InlineData("{ } | histogram_over_time(duration)", TraceQlKind.Metrics)]
    [InlineData("{ } | min_over_time(duration)", TraceQlKind.Metrics)]
    [InlineData("{ } | max_over_time(duration)", TraceQlKind.Metrics)]
    [InlineData("{ } | avg_over_time(duration)", TraceQlKind.Metrics)]
    [InlineData("{ } | sum_over_time(span.bytes)", TraceQlKind.Metrics)]
    [InlineData("{ } | compare({ status = error })", TraceQlKind.Metrics)]
    public void Tells_a_TraceQL_target_apart_as_Grafana_s_frontend_does(string traceql, string kind) =>
        TraceQlKind.Of(traceql).Should().Be(kind);
}
