using StackTests.Harness.Clients;

namespace StackTests.Tests.Harness.Diagnosis;

public sealed class MetricsPageTests
{
    // Lines as client_golang writes them (recorded from Debian's Alertmanager 0.25.0), with the
    // format's escapes, special values and an optional timestamp.
    private const string Page = """
        # HELP alertmanager_notifications_total The total number of attempted notifications.
        # TYPE alertmanager_notifications_total counter
        alertmanager_notifications_total{integration="email"} 0
        alertmanager_notifications_total{integration="webhook"} 2
        alertmanager_notification_latency_seconds_bucket{integration="webhook",le="+Inf"} 18
        up 1 1700000000000
        quoted{path="a \"b\" \\c",other="x"} +Inf
        odd_value NaN
        broken{label="no end
        """;

    [Fact]
    public void Reads_samples_with_labels_and_sums_the_matching_series()
    {
        var page = MetricsPage.Parse(Page);
        page.Sum("alertmanager_notifications_total").Should().Be(2);
        page.Sum("alertmanager_notifications_total", new Dictionary<string, string> { ["integration"] = "email" }).Should().Be(0);
        page.Series("alertmanager_notification_latency_seconds_bucket").Single().Labels["le"].Should().Be("+Inf");
        page.Sum("up").Should().Be(1, "a timestamp after the value is not the value");
        page.Series("quoted").Single().Labels.Should().Contain("path", "a \"b\" \\c").And.Contain("other", "x");
        page.Series("quoted").Single().Value.Should().Be(double.PositiveInfinity);
        double.IsNaN(page.Series("odd_value").Single().Value).Should().BeTrue();
    }

    [Fact]
    public void Leaves_out_comments_and_lines_it_cannot_read()
    {
        var page = MetricsPage.Parse(Page);
        page.Has("broken").Should().BeFalse();
        page.Names.Should().Equal("alertmanager_notifications_total", "alertmanager_notification_latency_seconds_bucket", "up", "quoted", "odd_value");
    }

    [Fact]
    public void A_metric_with_no_series_sums_to_zero_and_is_not_had()
    {
        var page = MetricsPage.Parse(Page);
        page.Has("alertmanager_notifications_failed_total").Should().BeFalse();
        page.Sum("alertmanager_notifications_failed_total").Should().Be(0);
        MetricsPage.Empty.Names.Should().BeEmpty();
    }

    [Fact]
    public void Reads_names_labels_with_escapes_and_values_and_skips_comments()
    {
        var page = MetricsPage.Parse(
            "# HELP x_total a counter\n# TYPE x_total counter\n" +
            "x_total{path=\"/a\\\"b\",msg=\"line\\nnext\"} 3\n" +
            "x_total{path=\"/c\"} 4 1700000000000\n" +
            "y 1.5e+03\nz +Inf\nbroken{a=\"b\" 1\n");
        page.Samples.Should().HaveCount(4);
        page.Samples[0].Labels.Should().Equal(new Dictionary<string, string> { ["path"] = "/a\"b", ["msg"] = "line\nnext" });
        page.Sum("x_total").Should().Be(7);
        page.Sum("x", l => l.GetValueOrDefault("path") == "/c").Should().Be(4, "a counter is found with or without its _total suffix");
        page.Sum("y").Should().Be(1500);
        page.SumBy("x_total", "path").Should().Equal(new Dictionary<string, double> { ["/a\"b"] = 3, ["/c"] = 4 });
    }

    [Fact]
    public void A_counter_with_no_series_sums_to_zero()
    {
        var page = MetricsPage.Parse("up 1\n");
        page.Has("otelcol_exporter_sent_spans").Should().BeFalse();
        page.Sum("otelcol_exporter_sent_spans").Should().Be(0);
    }
}
