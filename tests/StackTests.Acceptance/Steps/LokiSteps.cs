using System.Diagnostics;
using System.Security.Cryptography;

namespace StackTests.Acceptance.Steps;

[Binding]
public sealed class LokiSteps(ScenarioContext scenario, StackContext context, ScenarioState state)
{
    private LokiStreamResult? _stream;
    private EmittedLogLine? _pushed;
    private TraceId? _pushedTraceId;

    // The component scenario's stream: its own job, so no other scenario's lines share it.
    private const string ComponentJob = "stacktests-loki";

    [When("a container writes a unique log line")]
    public async Task ContainerWritesALine()
    {
        await state.NoteCountersAsync(() => ContainerLogPipelineDiagnosis.NoteAsync(context.Stack));
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

    [When("a line carrying a trace id as structured metadata is pushed to Loki")]
    public async Task PushLineWithStructuredMetadata()
    {
        await state.NoteCountersAsync(() => LokiIngestDiagnosis.NoteAsync(context.Stack));
        _pushedTraceId = TraceId.FromBytes(RandomNumberGenerator.GetBytes(16));
        state.LogSent = Stopwatch.StartNew();
        _pushed = await new LokiLogEmitter(context.Loki, ComponentJob).SendAsync($"loki stores this line {Guid.NewGuid():N}", _pushedTraceId);
        state.LogLine = _pushed.Line;
        state.LogSelector = _pushed.Selector;
        scenario.Output.WriteLine($"pushed {_pushed} with structured metadata trace_id={_pushedTraceId}");
    }

    [Then("a LogQL query filtered on this run's id finds that line in the run's time range")]
    public Task LogQlFindsTheLine() => state.DiagnosedAsync(async () =>
    {
        var pushed = _pushed ?? throw new InvalidOperationException("push a line first");
        // From the push (less a second: Loki's start is inclusive, its end exclusive) to now.
        var query = $"{{{TestRun.IdLabel}=\"{TestRun.Id}\"}} |= `{pushed.Line}`";
        var result = await QueryUntilLineAsync(query, pushed.Time.AddSeconds(-1), l => l.Line == pushed.Line);
        SignalTimings.Record(scenario, "log line in Loki (push -> Loki)", state.LogSent!.Elapsed);
        _stream = result.Streams.Single(s => s.Lines.Any(l => l.Line == pushed.Line));
        _stream.Lines.Where(l => l.Line == pushed.Line).Should().ContainSingle("Loki stores a pushed line once")
            .Which.Time.Should().BeCloseTo(pushed.Time, TimeSpan.FromMilliseconds(1), "Loki keeps the line's own timestamp");
        scenario.Output.WriteLine($"found in {_stream}");
    });

    /// <summary>
    /// The labels pushed are the stream's; the trace id is structured metadata, not a label: a LogQL
    /// label filter finds the line by it, while Loki's series API, which lists streams, does not know it.
    /// </summary>
    [Then("the line carries its stream labels and its trace id as structured metadata")]
    public Task LineCarriesLabelsAndMetadata() => state.DiagnosedAsync(async () =>
    {
        var pushed = _pushed ?? throw new InvalidOperationException("push a line first");
        var traceId = _pushedTraceId!.Value;
        _stream.Should().NotBeNull("the previous step found the line");
        _stream!.HasLabels(pushed.Labels).Should().BeTrue("the stream has the labels pushed ({0}); it has {1}", pushed.Selector, _stream);
        var line = _stream.Lines.Single(l => l.Line == pushed.Line);
        (line.Metadata.GetValueOrDefault("trace_id") ?? _stream.Labels.GetValueOrDefault("trace_id")).Should().Be(traceId.Hex,
            "Loki returns the structured metadata pushed with the line");

        var loki = context.Loki;
        var byMetadata = $"{pushed.Selector} | trace_id=\"{traceId.Hex}\"";
        var found = await loki.QueryRangeAsync(byMetadata, pushed.Time.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        found.Lines.Select(l => l.Line).Should().Contain(pushed.Line, "a label filter on the structured metadata finds the line ({0})", byMetadata);
        var series = await loki.SeriesAsync([pushed.Selector], pushed.Time.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        series.Should().NotBeEmpty("Loki lists the stream {0}", pushed.Selector);
        series.Should().OnlyContain(labels => !labels.ContainsKey("trace_id"), "trace_id is structured metadata, which is no stream label");
    });

    [Then("Loki returns that line")]
    public Task LokiReturnsTheLine() => state.DiagnosedAsync(LokiReturnsTheLineAsync);

    /// <summary>Polls a LogQL query from <paramref name="from"/> to now until a line of its result matches.</summary>
    private Task<LokiQueryResult> QueryUntilLineAsync(string query, DateTimeOffset from, Func<LokiLogLine, bool> matches)
    {
        var loki = context.Loki;
        return Eventually.UntilAsync(
            "Loki to return the line",
            $"GET {loki.BaseUrl}loki/api/v1/query_range?query={query}",
            token => loki.QueryRangeAsync(query, from, DateTimeOffset.UtcNow.AddSeconds(1), cancellationToken: token),
            found => found.Lines.Any(matches),
            new EventuallyOptions(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            describe: found => found.ToString());
    }

    private async Task LokiReturnsTheLineAsync()
    {
        var line = state.RequireLogLine();
        var query = $"{state.LogSelector} |= `{line}`";
        var result = await QueryUntilLineAsync(query, DateTimeOffset.UtcNow.AddMinutes(-10), l => l.Line.Contains(line, StringComparison.Ordinal));
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
