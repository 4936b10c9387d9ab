using StackTests.Harness.Diagnosis;

namespace StackTests.Tests.Harness.Diagnosis;

/// <summary>The hop each pipeline's diagnosis names, from counters read before and after (recorded metric text).</summary>
public sealed class PipelineDiagnosisTests
{
    private static PipelineVerdict Traces(string collectorBefore, string collectorAfter, string? tempoBefore, string? tempoAfter) =>
        new TracePipelineDiagnosis(null, CounterSnapshot.Of(("otel-collector", collectorBefore), ("tempo", tempoBefore)))
            .Explain(CounterSnapshot.Of(("otel-collector", collectorBefore), ("tempo", tempoBefore)), CounterSnapshot.Of(("otel-collector", collectorAfter), ("tempo", tempoAfter)));

    [Fact]
    public void Traces_the_Collector_failed_to_export_are_named_with_the_exporter_and_Tempo_count()
    {
        var verdict = Traces(
            RecordedPages.Collector("spans", 10, 0, ("otlp_grpc/tempo", 10, 0)),
            RecordedPages.Collector("spans", 13, 0, ("otlp_grpc/tempo", 10, 3)),
            RecordedPages.Tempo(10), RecordedPages.Tempo(10));
        verdict.Verdict.Should().Be("the Collector accepted 3 spans and failed to send 3 to otlp_grpc/tempo (otelcol_exporter_send_failed_spans); " +
                                    "Tempo's distributor received 0 spans (tempo_distributor_spans_received_total)");
        verdict.ToString().Should().Contain("otel-collector: exporter otlp_grpc/tempo failed to send 3 (otelcol_exporter_send_failed_spans)");
    }

    [Fact]
    public void Traces_that_never_reached_the_Collector_say_so_even_when_its_counters_did_not_exist_before()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.CollectorIdle, RecordedPages.Tempo(0), RecordedPages.Tempo(0));
        verdict.Verdict.Should().StartWith("the Collector's receivers accepted no spans").And.Contain("never reached the Collector");
    }

    [Fact]
    public void Traces_the_Collector_sent_and_Tempo_did_not_receive_went_elsewhere()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.Collector("spans", 3, 0, ("otlp_grpc/tempo", 3, 0)),
            RecordedPages.Tempo(5), RecordedPages.Tempo(5));
        verdict.Verdict.Should().Contain("the Collector sent 3 spans (otlp_grpc/tempo)").And.Contain("went to another endpoint than this Tempo");
    }

    [Fact]
    public void Traces_that_reached_Tempo_put_the_fault_on_the_query_side()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.Collector("spans", 3, 0, ("otlp_grpc/tempo", 3, 0)),
            RecordedPages.Tempo(5), RecordedPages.Tempo(8));
        verdict.Verdict.Should().Contain("Tempo's distributor received 3 spans").And.Contain("query side");
    }

    [Fact]
    public void A_Tempo_that_does_not_answer_is_the_verdict()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.Collector("spans", 3, 0, ("otlp_grpc/tempo", 0, 3)), RecordedPages.Tempo(0), null);
        verdict.Verdict.Should().Contain("failed to send 3 to otlp_grpc/tempo").And.Contain("Tempo's own metrics could not be read");
    }

    [Fact]
    public void Spans_refused_at_the_receiver_are_named()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.Collector("spans", 0, 4), RecordedPages.Tempo(0), RecordedPages.Tempo(0));
        verdict.Verdict.Should().Contain("the Collector refused 4 spans at its receiver (otelcol_receiver_refused_spans)");
    }

    [Fact]
    public void Spans_accepted_and_neither_sent_nor_failed_are_still_in_the_Collector()
    {
        var verdict = Traces(RecordedPages.CollectorIdle, RecordedPages.Collector("spans", 3, 0), RecordedPages.Tempo(0), RecordedPages.Tempo(0));
        verdict.Verdict.Should().Contain("still batched, queued or retried in the Collector");
    }

    [Fact]
    public void A_counter_reset_by_a_restart_counts_from_zero()
    {
        var verdict = Traces(RecordedPages.Collector("spans", 100, 0, ("otlp_grpc/tempo", 100, 0)), RecordedPages.Collector("spans", 3, 0, ("otlp_grpc/tempo", 3, 0)),
            RecordedPages.Tempo(100), RecordedPages.Tempo(3));
        verdict.Hops.Single(h => h.What == "receivers accepted spans").Count.Should().Be(3);
        verdict.Hops.Single(h => h.Service == "tempo").Count.Should().Be(3);
    }

    [Fact]
    public void Collector_log_records_sent_and_not_received_by_Loki()
    {
        var before = CounterSnapshot.Of(("otel-collector", RecordedPages.CollectorIdle), ("loki", RecordedPages.Loki(7)));
        var after = CounterSnapshot.Of(("otel-collector", RecordedPages.Collector("log_records", 1, 0, ("otlp_http/loki", 0, 1))), ("loki", RecordedPages.Loki(7)));
        new CollectorLogPipelineDiagnosis(null, before).Explain(before, after).Verdict.Should()
            .Be("the Collector accepted 1 log records and failed to send 1 to otlp_http/loki (otelcol_exporter_send_failed_log_records); " +
                "Loki's distributor received 0 lines (loki_distributor_lines_received_total)");
    }

    [Fact]
    public void Otlp_metrics_the_exporter_serves_put_the_stop_at_Prometheus_scrape()
    {
        var exporterPage = "stacktests_probe_total{job=\"stacktests\",run_id=\"run-1\",service_name=\"stacktests\"} 1\n";
        var before = CounterSnapshot.Of(("otel-collector", RecordedPages.CollectorIdle), ("otel-collector prometheus exporter", ""));
        var after = CounterSnapshot.Of(("otel-collector", RecordedPages.Collector("metric_points", 1, 0, ("prometheus", 1, 0))), ("otel-collector prometheus exporter", exporterPage));
        var diagnosis = new OtlpMetricsPipelineDiagnosis(null, before, "stacktests_probe_total", ("run_id", "run-1"));
        diagnosis.Explain(before, after).Verdict.Should().Contain("serves stacktests_probe_total{run_id=\"run-1\"}").And.Contain("Prometheus' scrape");
        var other = CounterSnapshot.Of(("otel-collector", RecordedPages.Collector("metric_points", 1, 0, ("prometheus", 1, 0))), ("otel-collector prometheus exporter", exporterPage));
        new OtlpMetricsPipelineDiagnosis(null, before, "stacktests_probe_total", ("run_id", "run-2")).Explain(before, other).Verdict.Should()
            .Contain("serves no stacktests_probe_total with run_id=\"run-2\"");
    }

    [Fact]
    public void Alloy_dropping_entries_is_named_with_the_reason()
    {
        var before = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 0)), ("loki", RecordedPages.Loki(50)));
        var after = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 2, reason: "ingester_error")), ("loki", RecordedPages.Loki(50)));
        new ContainerLogPipelineDiagnosis(null, before).Explain(before, after).Verdict.Should()
            .StartWith("Alloy dropped 2 entries (loki_write_dropped_entries_total, reason ingester_error 2)");
    }

    [Fact]
    public void Alloy_that_sent_nothing_did_not_pick_up_the_lines_and_one_that_retried_could_not_deliver()
    {
        var before = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 0)), ("loki", RecordedPages.Loki(50)));
        var idle = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 0)), ("loki", RecordedPages.Loki(50)));
        var diagnosis = new ContainerLogPipelineDiagnosis(null, before);
        diagnosis.Explain(before, idle).Verdict.Should().Contain("did not pick up the container's lines");
        var retrying = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 0, retries: 4)), ("loki", null));
        diagnosis.Explain(before, retrying).Verdict.Should().Contain("retried 4 batches").And.Contain("Loki's own metrics could not be read");
    }

    [Fact]
    public void Alloy_lines_that_reached_Loki_put_the_fault_on_the_query()
    {
        var before = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(50, 0)), ("loki", RecordedPages.Loki(50)));
        var after = CounterSnapshot.Of(("alloy", RecordedPages.Alloy(55, 0)), ("loki", RecordedPages.Loki(55)));
        new ContainerLogPipelineDiagnosis(null, before).Explain(before, after).Verdict.Should()
            .Be("Alloy sent 5 entries and Loki's distributor received 5 lines (loki_distributor_lines_received_total), tenant \"fake\" 5: " +
                "the lines reached Loki, so what failed is the query (the labels Alloy gave them) or what the step checked");
    }

    [Fact]
    public void Lines_stored_under_another_tenant_than_the_one_queried_are_named()
    {
        var before = CounterSnapshot.Of(("loki", RecordedPages.Loki(0, "team-a")));
        var after = CounterSnapshot.Of(("loki", RecordedPages.Loki(1, "team-a")));
        new LokiIngestDiagnosis(null, before, "team-b").Explain(before, after).Verdict.Should()
            .Contain("tenant \"team-a\" 1").And.Contain("the query asked tenant \"team-b\", which received none").And.Contain("another tenant");
    }
}
