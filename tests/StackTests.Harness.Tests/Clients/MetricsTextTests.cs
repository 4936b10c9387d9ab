using StackTests.Harness.Clients;

namespace StackTests.Harness.Tests.Clients;

public sealed class MetricsTextTests
{
    // The example of https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-example
    private const string SpecExample = """
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        # Escaping in label values:
        msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9

        # Minimalistic line:
        metric_without_timestamp_and_labels 12.47

        # A weird metric from before the epoch:
        something_weird{problem="division by zero"} +Inf -3982045

        # A histogram, which has a pretty complex representation in the text format:
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="0.1"} 33444
        http_request_duration_seconds_bucket{le="0.2"} 100392
        http_request_duration_seconds_bucket{le="0.5"} 129389
        http_request_duration_seconds_bucket{le="1"} 133988
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320

        # Finally a summary, which has a complex representation, too:
        # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.01"} 3102
        rpc_duration_seconds{quantile="0.05"} 3272
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds{quantile="0.9"} 9001
        rpc_duration_seconds{quantile="0.99"} 76656
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        """;

    // Lines copied from prometheus-node-exporter 1.5.0 /metrics, run on this machine.
    private const string NodeExporterSnippet = """
        # HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
        # TYPE go_gc_duration_seconds summary
        go_gc_duration_seconds{quantile="0"} 0
        go_gc_duration_seconds{quantile="1"} 0
        go_gc_duration_seconds_sum 0
        go_gc_duration_seconds_count 0
        # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
        # TYPE node_cpu_seconds_total counter
        node_cpu_seconds_total{cpu="0",mode="idle"} 768.11
        node_cpu_seconds_total{cpu="0",mode="iowait"} 0.85
        node_cpu_seconds_total{cpu="0",mode="user"} 84.28
        node_cpu_seconds_total{cpu="1",mode="idle"} 726.11
        node_cpu_seconds_total{cpu="1",mode="user"} 90.5
        # HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
        # TYPE node_filesystem_avail_bytes gauge
        node_filesystem_avail_bytes{device="/dev/vda",fstype="ext4",mountpoint="/"} 8.2847645696e+10
        # HELP node_uname_info Labeled system information as provided by the uname system call.
        # TYPE node_uname_info gauge
        node_uname_info{domainname="(none)",machine="x86_64",nodename="vm",release="6.18.44-fc-v669",sysname="Linux",version="#1 SMP PREEMPT_DYNAMIC @0"} 1
        # HELP promhttp_metric_handler_requests_total Total number of scrapes by HTTP status code.
        # TYPE promhttp_metric_handler_requests_total counter
        promhttp_metric_handler_requests_total{code="200"} 3
        promhttp_metric_handler_requests_total{code="500"} 0
        """;

    [Fact]
    public void Parses_the_spec_example_into_families_with_types_and_help()
    {
        var set = MetricsText.Parse(SpecExample);
        set.Families.Select(f => (f.Name, f.Type)).Should().Equal(
            ("http_requests_total", "counter"),
            ("msdos_file_access_time_seconds", "untyped"),
            ("metric_without_timestamp_and_labels", "untyped"),
            ("something_weird", "untyped"),
            ("http_request_duration_seconds", "histogram"),
            ("rpc_duration_seconds", "summary"));
        set.Family("http_requests_total")!.Help.Should().Be("The total number of HTTP requests.");
        set.Family("http_request_duration_seconds")!.Samples.Should().HaveCount(8, "buckets, _sum and _count belong to the histogram");
        set.Family("rpc_duration_seconds")!.Samples.Should().HaveCount(7);
    }

    [Fact]
    public void Reads_label_escapes_timestamps_and_special_values()
    {
        var set = MetricsText.Parse(SpecExample);
        var file = set.Find("msdos_file_access_time_seconds").Single();
        file.Labels["path"].Should().Be(@"C:\DIR\FILE.TXT");
        file.Labels["error"].Should().Be("Cannot find file:\n\"FILE.TXT\"");
        file.Value.Should().Be(1.458255915e9);
        set.Find("http_requests_total", LabelMatcher.Equal("code", "400")).Single()
            .Should().BeEquivalentTo(new MetricSample("http_requests_total", new Dictionary<string, string> { ["method"] = "post", ["code"] = "400" }, 3, 1395066363000));
        var weird = set.Find("something_weird").Single();
        (weird.Value, weird.Timestamp).Should().Be((double.PositiveInfinity, -3982045.0));
        set.Find("http_request_duration_seconds_bucket", LabelMatcher.Equal("le", "+Inf")).Single().Value.Should().Be(144320);
        set.Find("rpc_duration_seconds_sum").Single().Value.Should().Be(1.7560473e+07);
    }

    [Fact]
    public void Sums_matching_samples_like_wait_sum_metrics()
    {
        var set = MetricsText.Parse(NodeExporterSnippet);
        set.Sum("node_cpu_seconds_total", LabelMatcher.Equal("mode", "idle")).Should().BeApproximately(768.11 + 726.11, 1e-9);
        set.Sum("node_cpu_seconds_total", LabelMatcher.Equal("cpu", "1"), LabelMatcher.Regex("mode", "idle|user")).Should().BeApproximately(816.61, 1e-9);
        set.Sum("node_cpu_seconds_total", LabelMatcher.Equal("mode", "steal")).Should().Be(0, "no sample matches");
        set.Has("promhttp_metric_handler_requests_total", LabelMatcher.Equal("code", "200")).Should().BeTrue();
        set.Find("node_uname_info").Single().Labels["version"].Should().Be("#1 SMP PREEMPT_DYNAMIC @0");
        set.Find("node_filesystem_avail_bytes", LabelMatcher.Equal("mountpoint", "/")).Single().Value.Should().Be(82847645696);
    }

    [Fact]
    public void A_regex_matcher_matches_the_whole_value_and_a_missing_label_is_empty()
    {
        var labels = new Dictionary<string, string> { ["job"] = "node-exporter" };
        LabelMatcher.Regex("job", "node").Matches(labels).Should().BeFalse();
        LabelMatcher.Regex("job", "node.*").Matches(labels).Should().BeTrue();
        LabelMatcher.Equal("instance", "").Matches(labels).Should().BeTrue();
    }

    // The example of the OpenMetrics 1.0 specification (units, _created, exemplars, # EOF):
    // https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md
    [Fact]
    public void Parses_openmetrics_with_units_exemplars_and_eof()
    {
        const string text = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE foo counter
            foo_total 17.0 1520879607.789 # {id="counter-test"} 5
            # EOF
            ignored_after_eof 1
            """;
        var set = MetricsText.Parse(text);
        set.Families.Select(f => f.Name).Should().Equal("acme_http_router_request_seconds", "foo");
        set.Family("acme_http_router_request_seconds")!.Unit.Should().Be("seconds");
        set.Family("acme_http_router_request_seconds")!.Samples.Should().HaveCount(3);
        var foo = set.Find("foo_total").Single();
        (foo.Value, foo.Timestamp).Should().Be((17.0, 1520879607.789));
    }

    // Prometheus 3 UTF-8 names: https://prometheus.io/docs/instrumenting/exposition_formats/ ("quoted metric names").
    [Fact]
    public void Parses_quoted_utf8_metric_names()
    {
        var set = MetricsText.Parse("""
            # TYPE "my.dotted.metric" gauge
            {"my.dotted.metric", "service.name"="checkout", zone="a"} 4
            """);
        var sample = set.Find("my.dotted.metric").Single();
        sample.Labels.Should().Equal(new Dictionary<string, string> { ["service.name"] = "checkout", ["zone"] = "a" });
        set.Family("my.dotted.metric")!.Type.Should().Be("gauge");
    }

    [Fact]
    public void A_malformed_line_fails_naming_its_line_number()
    {
        var parse = () => MetricsText.Parse("ok_metric 1\nbroken{label=\"x\" 2\n");
        parse.Should().Throw<FormatException>().WithMessage("*line 2*");
        var notANumber = () => MetricsText.Parse("metric abc");
        notANumber.Should().Throw<FormatException>().WithMessage("*'abc' is not a number*");
    }

    [Trait("Tier", "integration")]
    [Fact]
    public async Task Parses_the_whole_page_of_a_real_node_exporter()
    {
        var binary = LocalComponent.RequireBinary("prometheus-node-exporter", "prometheus-node-exporter");
        await using var exporter = await LocalComponent.StartAsync("node-exporter", binary,
            (port, _) => [$"--web.listen-address=127.0.0.1:{port}", "--no-collector.systemd"], readyPath: "metrics");
        var metrics = await new MetricsEndpointClient(new Uri(exporter.BaseUrl, "metrics"), "node exporter", TimeSpan.FromSeconds(5))
            .ScrapeAsync(TestContext.Current.CancellationToken);
        metrics.Family("node_cpu_seconds_total")!.Type.Should().Be("counter");
        metrics.Sum("node_cpu_seconds_total", LabelMatcher.Equal("mode", "idle")).Should().BeGreaterThan(0);
        metrics.Family("go_gc_duration_seconds")!.Type.Should().Be("summary");
        metrics.Find("node_exporter_build_info").Should().ContainSingle().Which.Labels.Should().ContainKey("version");
    }
}
