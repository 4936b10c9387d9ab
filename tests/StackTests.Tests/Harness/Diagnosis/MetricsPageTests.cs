using StackTests.Harness.Diagnosis;

namespace StackTests.Tests.Harness.Diagnosis;

public sealed class MetricsPageTests
{
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
