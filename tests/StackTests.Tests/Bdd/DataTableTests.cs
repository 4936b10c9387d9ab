using StackTests.Bdd;

namespace StackTests.Tests.Bdd;

public sealed class DataTableTests
{
    private sealed class Target
    {
        public string Service { get; set; } = "";
        public int MetricCount { get; set; }
        public Health Health { get; set; }
    }

    private static readonly DataTable Services = new(
        ["service", "metric count", "health"],
        ["prometheus", "12", "ready"],
        ["loki", "3", "not ready"]);

    [Fact]
    public void Rows_are_read_by_header_name_or_position()
    {
        Services.Header.Should().Equal("service", "metric count", "health");
        Services.RowCount.Should().Be(2);
        Services.Rows[1]["service"].Should().Be("loki");
        Services.Rows[1][1].Should().Be("3");
        var missing = () => Services.Rows[0]["nope"];
        missing.Should().Throw<KeyNotFoundException>().WithMessage("the table has no column 'nope'; its columns are: service, metric count, health");
    }

    [Fact]
    public void CreateSet_fills_properties_by_name_ignoring_case_and_spaces()
    {
        var set = Services.CreateSet<Target>();
        set.Select(t => (t.Service, t.MetricCount, t.Health)).Should().Equal(("prometheus", 12, Health.Ready), ("loki", 3, Health.NotReady));
    }

    [Fact]
    public void CreateSet_fills_records_through_their_constructor()
    {
        var table = new DataTable(["Name", "Port", "Timeout"], ["tempo", "3200", "1m"]);
        table.CreateSet<Service>().Should().Equal(new Service("tempo", 3200, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_one_column_table_of_values_gives_the_values() =>
        new DataTable(["port"], ["9090"], ["3100"]).CreateSet<int>().Should().Equal(9090, 3100);

    [Fact]
    public void CreateInstance_reads_a_field_value_table()
    {
        var table = new DataTable(["Field", "Value"], ["service", "grafana"], ["metric count", "4"]);
        var target = table.CreateInstance<Target>();
        (target.Service, target.MetricCount).Should().Be(("grafana", 4));
    }

    [Fact]
    public void A_column_without_a_property_or_a_bad_cell_is_named_in_the_error()
    {
        var unknown = () => new DataTable(["service", "colour"], ["x", "red"]).CreateSet<Target>();
        unknown.Should().Throw<ArgumentConversionException>().WithMessage("column 'colour' matches no settable property of Target*");
        var bad = () => new DataTable(["service", "metric count"], ["x", "many"]).CreateSet<Target>();
        bad.Should().Throw<ArgumentConversionException>().WithMessage("column 'metric count': \"many\" is not a valid int*");
    }
}
