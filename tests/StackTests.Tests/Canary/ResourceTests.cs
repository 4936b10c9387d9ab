using StackTests.Harness.Canary;

namespace StackTests.Tests.Canary;

public sealed class ResourceTests
{
    [Fact]
    public void Proc_stat_and_status_give_cpu_time_and_rss()
    {
        // Fields after the command (which may hold spaces and parentheses): utime 250, stime 50 ticks, starttime 12345.
        const string stat = "4242 (prometheus (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 12 0 12345 800000000 5000 18446744073709551615";
        ProcResourceSource.ParseStat(stat, out var cpu).Should().Be("12345");
        cpu.Should().Be(TimeSpan.FromSeconds(3));
        ProcResourceSource.ParseRss(["Name:\tprometheus", "VmHWM:\t  90000 kB", "VmRSS:\t   85000 kB"]).Should().Be(85000L * 1024);
    }

    [Fact]
    public void Docker_stats_give_cpu_time_and_memory_less_inactive_file()
    {
        const string json = """{"cpu_stats":{"cpu_usage":{"total_usage":2500000000}},"memory_stats":{"usage":50000000,"stats":{"inactive_file":10000000}}}""";
        var reading = DockerResourceSource.ParseStats("abc", json)!.Value;
        reading.CpuTime.Should().Be(TimeSpan.FromSeconds(2.5));
        reading.MemoryBytes.Should().Be(40000000);
        DockerResourceSource.ParseStats("abc", """{"read":"0001-01-01T00:00:00Z"}""").Should().BeNull("a stopped container has no cpu_stats");
    }

    [Fact]
    public void Cpu_adds_up_over_instances_from_each_ones_first_reading_and_memory_keeps_its_peak()
    {
        var sampler = new ResourceSampler(new FixedSource(), ["pushgateway"]);
        sampler.Record("pushgateway", new ResourceReading("pid1", TimeSpan.FromSeconds(10), 100));
        sampler.Record("pushgateway", new ResourceReading("pid1", TimeSpan.FromSeconds(12), 300));
        sampler.Record("pushgateway", new ResourceReading("pid2", TimeSpan.FromSeconds(1), 200));
        sampler.Record("pushgateway", new ResourceReading("pid2", TimeSpan.FromSeconds(2), 150));
        // A container started again keeps its id, and its CPU count starts again from zero.
        sampler.Record("pushgateway", new ResourceReading("pid1", TimeSpan.FromSeconds(0.5), 100));
        sampler.Record("pushgateway", new ResourceReading("pid1", TimeSpan.FromSeconds(20), 100));
        var summary = sampler.Summarise().Single();
        summary.CpuTime.Should().Be(TimeSpan.FromSeconds(2 + 1 + 19.5));
        summary.PeakMemoryBytes.Should().Be(300);
        summary.Instances.Should().Be(3);
        summary.NotMeasured.Should().BeNull();
    }

    [Fact]
    public async Task A_service_that_cannot_be_read_says_why()
    {
        var sampler = new ResourceSampler(new FixedSource(), ["grafana"]);
        await sampler.SampleAsync(TestContext.Current.CancellationToken);
        sampler.Summarise().Single().NotMeasured.Should().Be("cannot read grafana");
    }

    private sealed class FixedSource : IResourceSource
    {
        public Task<ResourceReading?> ReadAsync(string service, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"cannot read {service}");
    }
}
