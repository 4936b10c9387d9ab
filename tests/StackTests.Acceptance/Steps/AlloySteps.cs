using System.Diagnostics;
using StackTests.Compose;
using StackTests.Models.Prometheus;

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
        var job = ScrapeConfig.StaticTargets(File.ReadAllText(MountedConfigs.PrometheusConfig))
            .FirstOrDefault(t => t.Service == "alloy" && t.Endpoint?.Port == port)?.Job
            ?? throw new InvalidOperationException($"{MountedConfigs.PrometheusConfig}: no scrape job has alloy:{port} as target, so Prometheus holds no counts of Alloy");
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

    // Alloy's counters carry no container label (loki.write counts per host and tenant,
    // alloy internal/component/common/loki/client/metrics.go), so the growth of "sent" covers every
    // container's lines; the scenario's own lines are proven by Loki holding exactly 1..N of them.
    [Then("Alloy has sent at least those lines since, and dropped none")]
    public async Task SentThoseAndDroppedNone()
    {
        var before = _before ?? throw new InvalidOperationException("note Alloy's counts first: Given Alloy's sent and dropped log entry counts are noted");
        var metrics = AlloyMetrics();
        // loki.write counts a batch after Loki's answer, just after the lines become queryable; Prometheus sees it at its next scrape.
        // A series that never appears fails as missing: a renamed metric or a mislabelled job is not "0 sent".
        var after = await Eventually.UntilAsync(
            $"{SentEntries} of job {metrics.Job} to grow by at least {_count} from {before.SentText}",
            $"GET {metrics.Prometheus.BaseUrl}api/v1/query?query={ScrapedMetrics.SumQuery(SentEntries, metrics.Job)}",
            token => CountsAsync(metrics, token),
            now => now.Sent is { } sent && sent - (before.Sent ?? 0) >= _count,
            new EventuallyOptions(ScrapeWait, TimeSpan.FromSeconds(1)),
            describe: now => now.Sent is null ? $"no series of {SentEntries} for job {metrics.Job}: is the metric renamed, or the job's label not '{metrics.Job}'?" : $"now {now}");
        scenario.Output.WriteLine($"after: {after} ({SentEntries} counts every container's lines, this scenario's {_count} among them)");
        if (after.Dropped is null)
        {
            // A labelled counter has no series before its first drop; the job is proven right by the sent series above.
            scenario.Output.WriteLine($"dropped: Prometheus has no series of {DroppedEntries} for job {metrics.Job}: Alloy has dropped no entry since it started");
            return;
        }
        (after.Dropped.Value - (before.Dropped ?? 0)).Should().Be(0,
            "Alloy drops no entry while it ships this scenario's lines ({0} went from {1} to {2}; Alloy's log has Loki's answer)",
            DroppedEntries, before.DroppedText, after.Dropped);
    }

    private const string SentEntries = "loki_write_sent_entries_total";
    private const string DroppedEntries = "loki_write_dropped_entries_total";

    private static async Task<ShipperCounts> CountsAsync(ScrapedMetrics metrics, CancellationToken cancellationToken) =>
        new(await metrics.SumAsync(SentEntries, cancellationToken), await metrics.SumAsync(DroppedEntries, cancellationToken));

    /// <summary>Alloy's counts; null where Prometheus has no series of the counter (nothing counted yet, or nothing by that name).</summary>
    private sealed record ShipperCounts(double? Sent, double? Dropped)
    {
        public string SentText => Sent?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no series";
        public string DroppedText => Dropped?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no series";
        public override string ToString() => $"sent {SentText}, dropped {DroppedText}";
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
        var expected = Enumerable.Range(1, _count).ToList();
        var result = await Eventually.UntilAsync(
            $"Loki to hold the numbered lines 1..{_count}",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={query}",
            token => loki.QueryRangeAsync(query, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1), limit: 5000, cancellationToken: token),
            found => NumberedLines.Of(Lines(found), _prefix).Numbers.Order().Distinct().SequenceEqual(expected),
            new EventuallyOptions(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(2)),
            describe: found => NumberedLines.Of(Lines(found), _prefix).Describe(_count));
        SignalTimings.Record(scenario, "numbered lines across an Alloy restart", _started!.Elapsed);
        var lines = NumberedLines.Of(Lines(result), _prefix);
        lines.Unparsed.Should().BeEmpty("every line of this scenario carries its number");
        lines.Numbers.Should().Equal(expected, "Loki holds each of the lines 1..{0} once, and no other", _count);
    }

    private static IEnumerable<string> Lines(LokiQueryResult result) => result.Lines.Select(l => l.Line);
}
