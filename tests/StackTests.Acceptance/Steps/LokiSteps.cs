using System.Diagnostics;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class LokiSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private LokiStreamResult? _stream;

    [When("a container writes a unique log line")]
    public async Task ContainerWritesALine()
    {
        var line = $"stacktests container line {TestRun.Id} {Guid.NewGuid():N}";
        state.LogSent = Stopwatch.StartNew();
        var container = await LogWritingContainer.RunAsync(line, 1, TimeSpan.Zero, CancellationToken.None);
        state.OnCleanup(() => container.DisposeAsync().AsTask());
        state.LogLine = line;
        // Selecting on both compose labels asserts their values: the stack's project in every container mode.
        state.LogSelector = container.LokiSelector;
        scenario.Output.WriteLine($"container {container.Name} wrote: {line}");
    }

    [When("a log line carrying the span's trace id is pushed to Loki")]
    public async Task PushLineWithTraceId()
    {
        var trace = state.RequireTrace();
        state.LogSent = Stopwatch.StartNew();
        var sent = await new LokiLogEmitter(context.Loki).SendAsync($"order placed for {trace.RootSpanName}", trace.TraceId);
        state.LogLine = sent.Line;
        state.LogSelector = sent.Selector;
        scenario.Output.WriteLine($"pushed {sent}");
    }

    [When("an error log line is pushed to Loki")]
    public async Task PushErrorLine()
    {
        var sent = await new LokiLogEmitter(context.Loki).SendAsync("payment error: card declined");
        scenario.Output.WriteLine($"pushed {sent}");
    }

    [Then("Loki returns that line")]
    public async Task LokiReturnsTheLine()
    {
        var line = state.RequireLogLine();
        var loki = context.Loki;
        var query = $"{state.LogSelector} |= `{line}`";
        var result = await Eventually.UntilAsync(
            "Loki to return the line",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={query}",
            token => loki.QueryRangeAsync(query, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1), cancellationToken: token),
            found => found.Lines.Any(l => l.Line.Contains(line, StringComparison.Ordinal)),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            describe: found => found.ToString());
        SignalTimings.Record(scenario, "log line in Loki", state.LogSent!.Elapsed);
        _stream = result.Streams.First(s => s.Lines.Any(l => l.Line.Contains(line, StringComparison.Ordinal)));
        scenario.Output.WriteLine($"found in {_stream}");
    }

    [Then("the line carries the labels {string}, {string}, {string}, {string} and {string}")]
    public void LineCarriesLabels(string first, string second, string third, string fourth, string fifth)
    {
        _stream.Should().NotBeNull("the previous step found the line");
        _stream!.Labels.Keys.Should().Contain([first, second, third, fourth, fifth],
            "Alloy labels every container line (labels found: {0})", string.Join(", ", _stream.Labels.Select(l => $"{l.Key}={l.Value}")));
        _stream.Labels.Where(l => new[] { first, second, third, fourth, fifth }.Contains(l.Key))
            .Should().OnlyContain(l => l.Value.Length > 0, "no label is empty");
    }
}
