using StackTests.Browser;
using StackTests.Models.Grafana;

namespace StackTests.Acceptance.Steps;

/// <summary>
/// Logs to traces and back, in two scenarios that claim what they ask. Against Loki and Tempo: the
/// provisioned datasource settings (the Loki derived field, Tempo's tracesToLogsV2) applied by the
/// suite (GrafanaCorrelations.cs) to what Loki and Tempo return. Through Grafana: a browser follows
/// Grafana's own links in Explore. Neither stands in for the other.
/// </summary>
[Binding]
public sealed class CorrelationSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private static readonly EventuallyOptions DataWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(3));
    private static readonly ExploreJourneyOptions Journey =
        new(TimeSpan.FromSeconds(60), Path.Combine(SuiteSettings.Current.ReportDirectory, "screenshots"));

    private ExploreBrowser? _explore;

    [Then("the provisioned Loki derived field yields the span's trace id from the line as Loki returns it")]
    public async Task DerivedFieldYieldsTraceId()
    {
        var trace = state.RequireTrace();
        var line = state.RequireLogLine();
        var field = TraceField(GrafanaProvisioning.Datasource("loki"));
        var lines = await LinesFromLokiAsync($"{state.LogSelector} |= `{line}`", line);
        TraceId.Parse(field.ValueIn(lines.First(l => l.Contains(line, StringComparison.Ordinal)))
            ?? throw new InvalidOperationException($"the derived field's regex {field.MatcherRegex} does not match the line"))
            .Should().Be(trace.TraceId, "the derived field yields the span's trace id");
        scenario.Output.WriteLine($"derived field {field.MatcherRegex} on the line Loki returned: trace {trace.TraceId.Hex}");
    }

    [Then("the provisioned traces-to-logs query of the Tempo datasource finds the line in Loki")]
    public async Task TracesToLogsQueryFindsLine()
    {
        var trace = state.RequireTrace();
        var line = state.RequireLogLine();
        var link = TracesToLogs.Of(GrafanaProvisioning.Datasource("tempo"));
        link.Should().NotBeNull("the Tempo datasource links traces to logs (tracesToLogsV2)");
        var span = (await context.Tempo.TraceAsync(trace.TraceId))!.Spans.First(s => s.SpanId == trace.RootSpanId);
        var attributes = span.ResourceAttributes.Concat(span.Attributes).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var logql = link!.LokiQueryFor(trace.TraceId, trace.RootSpanId, attributes);
        logql.Should().NotBeNull("a tag of tracesToLogsV2 ({0}) is among the span's attributes", string.Join(", ", link.Tags.Select(t => t.Key)));
        scenario.Output.WriteLine($"trace to logs query: {logql}");
        await LinesFromLokiAsync(logql!, line);
    }

    [Then("in Grafana's Explore, the log line's trace link opens the trace")]
    public async Task ExploreTraceLinkOpensTrace()
    {
        var trace = state.RequireTrace();
        var line = state.RequireLogLine();
        var grafana = context.Grafana;
        var derived = TraceField(await grafana.DatasourceAsync("loki"));
        var title = derived.LinkTitle((await grafana.DatasourceAsync(derived.DatasourceUid!)).Name);
        var chromium = await DashboardBrowser.LaunchAsync(TimeSpan.FromSeconds(30));
        state.OnCleanup(() => chromium.DisposeAsync().AsTask());
        _explore = await ExploreBrowser.OpenAsync(chromium, grafana.BaseUrl, context.Stack.Credentials("grafana"), Journey);
        state.OnCleanup(() => _explore.DisposeAsync().AsTask());
        await InBrowserAsync(async explore =>
        {
            await explore.OpenLogsAsync("loki", $"{state.LogSelector} |= `{line}`", "now-15m", "now");
            await explore.OpenLogLineAsync(line, title);
            await explore.FollowTraceLinkAsync(title, trace.TraceId.Hex);
        });
        scenario.Output.WriteLine($"Grafana Explore: the line's \"{title}\" link opened trace {trace.TraceId.Hex}");
    }

    [Then("in Grafana's Explore, the span's logs link shows the line")]
    public async Task ExploreLogsLinkShowsLine()
    {
        var line = state.RequireLogLine();
        if (_explore is null) throw new InvalidOperationException("open the trace in Explore first: Then in Grafana's Explore, the log line's trace link opens the trace");
        await InBrowserAsync(explore => explore.FollowLogsForSpanAsync(line));
        scenario.Output.WriteLine("Grafana Explore: the root span's \"Logs for this span\" link showed the line");
    }

    private static DerivedField TraceField(GrafanaDatasource loki) =>
        DerivedField.Of(loki).FirstOrDefault(f => f.DatasourceUid == "tempo")
        ?? throw new InvalidOperationException($"the {loki} datasource has no derived field linking to the tempo datasource");

    private async Task<IReadOnlyList<string>> LinesFromLokiAsync(string logql, string line)
    {
        var loki = context.Loki;
        var result = await Eventually.UntilAsync(
            "Loki to return the line",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={logql}",
            token => loki.QueryRangeAsync(logql, DateTimeOffset.UtcNow.AddMinutes(-15), DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: token),
            found => found.Lines.Any(l => l.Line.Contains(line, StringComparison.Ordinal)),
            DataWait,
            describe: found => found.ToString());
        return result.Lines.Select(l => l.Line).ToList();
    }

    // A failed step of the journey leaves its screenshot in the report.
    private async Task InBrowserAsync(Func<ExploreBrowser, Task> steps)
    {
        try
        {
            await steps(_explore!);
        }
        catch (ExploreJourneyException e)
        {
            scenario.Attach(Path.GetFileName(e.ScreenshotPath), "image/png", await File.ReadAllBytesAsync(e.ScreenshotPath));
            throw;
        }
    }
}
