using StackTests.Lint.Grafana;
using StackTests.Browser;

namespace StackTests.Acceptance.Steps;

/// <summary>
/// Logs to traces and back. Where Grafana runs, a browser follows Grafana's own links in Explore;
/// elsewhere the suite applies the provisioned derived field and traces-to-logs settings itself
/// (GrafanaCorrelations.cs) against Loki and Tempo, and says that Grafana was not asked.
/// </summary>
[Binding]
public sealed class CorrelationSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private static readonly EventuallyOptions DataWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(3));
    private static readonly ExploreJourneyOptions Journey =
        new(TimeSpan.FromSeconds(60), Path.Combine(SuiteSettings.Current.ReportDirectory, "screenshots"));

    private ExploreBrowser? _explore;

    private bool GrafanaRuns => context.Stack.IsAvailable("grafana");

    [Then("the log line's derived field leads to the trace")]
    public async Task DerivedFieldLeadsToTrace()
    {
        var trace = state.RequireTrace();
        var line = state.RequireLogLine();
        if (!GrafanaRuns)
        {
            NotAsked("the suite applied the provisioned Loki derived field to the line as Loki returned it");
            var field = TraceField(GrafanaProvisioning.Datasource("loki"));
            var lines = await LinesFromLokiAsync($"{state.LogSelector} |= `{line}`", line);
            TraceId.Parse(field.ValueIn(lines.First(l => l.Contains(line, StringComparison.Ordinal)))
                ?? throw new InvalidOperationException($"the derived field's regex {field.MatcherRegex} does not match the line"))
                .Should().Be(trace.TraceId, "the derived field yields the span's trace id");
            return;
        }
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

    [Then("the trace's logs link leads back to the line")]
    public async Task LogsLinkLeadsToLine()
    {
        var trace = state.RequireTrace();
        var line = state.RequireLogLine();
        if (_explore is not null)
        {
            await InBrowserAsync(explore => explore.FollowLogsForSpanAsync(line));
            scenario.Output.WriteLine("Grafana Explore: the root span's \"Logs for this span\" link showed the line");
            return;
        }
        NotAsked("the suite built the traces-to-logs query from the provisioned Tempo datasource and ran it on Loki");
        var link = TracesToLogs.Of(GrafanaProvisioning.Datasource("tempo"));
        link.Should().NotBeNull("the Tempo datasource links traces to logs (tracesToLogsV2)");
        var span = (await context.Tempo.TraceAsync(trace.TraceId))!.Spans.First(s => s.SpanId == trace.RootSpanId);
        var attributes = span.ResourceAttributes.Concat(span.Attributes).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var logql = link!.LokiQueryFor(trace.TraceId, trace.RootSpanId, attributes);
        logql.Should().NotBeNull("a tag of tracesToLogsV2 ({0}) is among the span's attributes", string.Join(", ", link.Tags.Select(t => t.Key)));
        scenario.Output.WriteLine($"trace to logs query: {logql}");
        await LinesFromLokiAsync(logql!, line);
    }

    private void NotAsked(string instead) =>
        scenario.Output.WriteLine($"Grafana itself was not asked: grafana is not available from the {context.Stack.Provider} stack " +
                                  $"({context.Stack.Unavailable("grafana")}); {instead}");

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
