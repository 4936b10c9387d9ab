using System.Diagnostics;
using StackTests.Compose;
using StackTests.Lint.Prometheus;

namespace StackTests.Acceptance.Steps;

/// <summary>The log shipper: Alloy's own health, its counters as Prometheus scrapes them, and its behaviour across a restart.</summary>
[Binding]
public sealed class AlloySteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private string _prefix = "";
    private int _count;
    private Stopwatch? _started;
    private ShipperCounts? _before;

    [Then("every Alloy component reports healthy")]
    public async Task ComponentsHealthy()
    {
        var alloy = context.Alloy;
        var components = await Eventually.UntilAsync(
            "every Alloy component to be healthy",
            $"GET {alloy.BaseUrl}api/v0/web/components",
            token => alloy.ComponentsAsync(token),
            list => list.Count > 0 && list.All(c => c.IsHealthy),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            describe: list => string.Join("; ", list));
        foreach (var component in components) scenario.Output.WriteLine(component.ToString());
    }

    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(45);

    /// <summary>Alloy's own metrics as Prometheus scrapes them: the job of prometheus.yml whose target is Alloy's http port.</summary>
    private ScrapedMetrics AlloyMetrics()
    {
        var port = ComposeFile.Load(RepositoryLayout.ComposeFile).Service("alloy").Port("http");
        var job = ScrapeConfig.StaticTargets(File.ReadAllText(StackFiles.PrometheusConfig))
            .FirstOrDefault(t => t.Service == "alloy" && t.Endpoint?.Port == port)?.Job
            ?? throw new InvalidOperationException($"{StackFiles.PrometheusConfig}: no scrape job has alloy:{port} as target, so Prometheus holds no counts of Alloy");
        return new ScrapedMetrics(context.Prometheus, job);
    }

    [Given("Alloy's sent and dropped log entry counts are noted")]
    public async Task NoteCounts()
    {
        var metrics = AlloyMetrics();
        // A scrape older than now could miss entries Alloy sent or dropped just before this scenario.
        await metrics.WaitForScrapeAfterAsync(DateTimeOffset.UtcNow, ScrapeWait);
        _before = await CountsAsync(metrics, CancellationToken.None);
        scenario.Output.WriteLine($"before: {_before}");
    }

    [Then("Alloy has sent at least those lines since, and dropped none")]
    public async Task SentThoseAndDroppedNone()
    {
        var before = _before ?? throw new InvalidOperationException("note Alloy's counts first: Given Alloy's sent and dropped log entry counts are noted");
        var metrics = AlloyMetrics();
        // loki.write counts a batch after Loki's answer, just after the lines become queryable; Prometheus sees it at its next scrape.
        var after = await Eventually.UntilAsync(
            $"loki_write_sent_entries_total of job {metrics.Job} to grow by at least {_count} from {before.Sent}",
            $"GET {metrics.Prometheus.BaseUrl}api/v1/query?query={ScrapedMetrics.SumQuery(SentEntries, metrics.Job)}",
            token => CountsAsync(metrics, token),
            now => now.Sent - before.Sent >= _count,
            new EventuallyOptions(ScrapeWait, TimeSpan.FromSeconds(1)),
            describe: now => $"now {now}");
        scenario.Output.WriteLine($"after: {after}");
        (after.Dropped - before.Dropped).Should().Be(0,
            "Alloy drops no entry while it ships this scenario's lines (loki_write_dropped_entries_total went from {0} to {1}; Alloy's log has Loki's answer)",
            before.Dropped, after.Dropped);
    }

    private const string SentEntries = "loki_write_sent_entries_total";
    private const string DroppedEntries = "loki_write_dropped_entries_total";

    private static async Task<ShipperCounts> CountsAsync(ScrapedMetrics metrics, CancellationToken cancellationToken) =>
        new(await metrics.SumAsync(SentEntries, cancellationToken), await metrics.SumAsync(DroppedEntries, cancellationToken));

    private sealed record ShipperCounts(double Sent, double Dropped)
    {
        public override string ToString() => $"sent {Sent}, dropped {Dropped}";
    }

    [When("a container writes {int} numbered log lines over {int} seconds")]
    public async Task ContainerWritesNumberedLines(int count, int seconds)
    {
        await state.NoteCountersAsync(() => ContainerLogPipelineDiagnosis.NoteAsync(context.Stack));
        _prefix = $"stacktests numbered line {TestRun.Id} {Guid.NewGuid():N}";
        _count = count;
        _started = Stopwatch.StartNew();
        var container = await LogWritingContainer.RunAsync(_prefix, count, TimeSpan.FromSeconds((double)seconds / count), CancellationToken.None);
        state.OnCleanup(() => container.DisposeAsync().AsTask());
        state.LogSelector = container.LokiSelector;
    }

    [Then("Loki has each of those lines exactly once")]
    public Task EachLineExactlyOnce() => state.DiagnosedAsync(EachLineExactlyOnceAsync);

    private async Task EachLineExactlyOnceAsync()
    {
        var loki = context.Loki;
        var query = $"{state.LogSelector} |= `{_prefix}`";
        var result = await Eventually.UntilAsync(
            $"Loki to hold all {_count} numbered lines",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={query}",
            token => loki.QueryRangeAsync(query, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1), limit: 5000, cancellationToken: token),
            found => Numbers(found).Distinct().Count() == _count,
            new EventuallyOptions(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2)),
            describe: found => $"{Numbers(found).Distinct().Count()} of {_count} distinct lines, {Numbers(found).Count} in all");
        SignalTimings.Record(scenario, "numbered lines across an Alloy restart", _started!.Elapsed);
        Numbers(result).GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"line {g.Key} x{g.Count()}")
            .Should().BeEmpty("no line is shipped twice across the restart");
    }

    private List<int> Numbers(LokiQueryResult result) =>
        result.Lines.Select(l => l.Line.Trim()).Where(l => l.StartsWith(_prefix, StringComparison.Ordinal))
            .Select(l => int.TryParse(l[_prefix.Length..].Trim(), out var n) ? n : -1).ToList();
}
