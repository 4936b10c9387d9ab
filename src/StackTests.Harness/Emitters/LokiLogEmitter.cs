using StackTests.Harness.Clients;

namespace StackTests.Harness.Emitters;

/// <summary>A log line that was pushed: where to find it (labels) and what to find (the line).</summary>
public sealed record EmittedLogLine(IReadOnlyDictionary<string, string> Labels, string Line, DateTimeOffset Time)
{
    /// <summary>A LogQL selector of exactly this line's stream.</summary>
    public string Selector => "{" + string.Join(", ", Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    public override string ToString() => $"{Selector} {Line}";
}

/// <summary>
/// Pushes log lines straight to Loki, each labelled with the run id (label run_id) and, when given,
/// carrying a trace id in the line (trace_id=...) and as structured metadata, the way Grafana's
/// derived fields find it to link logs to traces. A line is stamped now, or at the time given (a
/// retried push keeps its first time, so Loki keeps one copy of a line that did land).
/// </summary>
public sealed class LokiLogEmitter(LokiClient loki, string job = "stacktests", string? runId = null)
{
    public string RunId { get; } = runId ?? TestRun.Id;

    public async Task<EmittedLogLine> SendAsync(
        string message, TraceId? traceId = null, IReadOnlyDictionary<string, string>? extraLabels = null,
        DateTimeOffset? time = null, CancellationToken cancellationToken = default)
    {
        var labels = new Dictionary<string, string> { ["job"] = job, [TestRun.IdLabel] = RunId };
        foreach (var (name, value) in extraLabels ?? new Dictionary<string, string>()) labels[name] = value;
        var line = traceId is { } id ? $"{message} {TestRun.IdLabel}={RunId} trace_id={id.Hex}" : $"{message} {TestRun.IdLabel}={RunId}";
        var metadata = traceId is { } t ? new Dictionary<string, string> { ["trace_id"] = t.Hex } : null;
        var at = time ?? DateTimeOffset.UtcNow;
        try
        {
            await loki.PushAsync([new LokiStream(labels, [new LokiEntry(at, line, metadata)])], cancellationToken);
        }
        catch (ApiException e)
        {
            throw new EmitterException($"pushing a log line to Loki at {loki.BaseUrl} failed: {e.Message}", e);
        }
        return new EmittedLogLine(labels, line, at);
    }
}
