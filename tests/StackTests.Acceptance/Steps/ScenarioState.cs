using System.Diagnostics;

namespace StackTests.Acceptance.Steps;

/// <summary>
/// What one scenario records about itself between steps: the signals it sent (with when they were
/// sent, to time how long each took to become visible) and the cleanups it owes a shared stack.
/// </summary>
public sealed class ScenarioState : IAsyncDisposable
{
    private readonly List<Func<Task>> _cleanups = [];

    /// <summary>The trace this scenario sent, and when.</summary>
    public EmittedTrace? Trace { get; set; }
    public Stopwatch? TraceSent { get; set; }

    /// <summary>The way the trace went, for its time to visibility ("OTLP -> Collector -> Tempo").</summary>
    public string TraceRoute { get; set; } = "OTLP -> Collector -> Tempo";

    /// <summary>The log line this scenario sent (Loki push or a container's output), and when.</summary>
    public string? LogLine { get; set; }
    public string? LogSelector { get; set; }
    public Stopwatch? LogSent { get; set; }

    private readonly List<PipelineDiagnosis> _diagnoses = [];

    /// <summary>
    /// Notes a pipeline's counters before its signal is sent (once per kind of pipeline: the first
    /// note is the one taken before anything of this scenario went through).
    /// </summary>
    public async Task NoteCountersAsync<T>(Func<Task<T>> note) where T : PipelineDiagnosis
    {
        if (_diagnoses.OfType<T>().Any()) return;
        _diagnoses.Add(await note());
    }

    /// <summary>
    /// Runs a check of this scenario's signals; when it fails and pipelines were noted, the failure
    /// says where each signal stopped, from the components' counters read now and when it was sent.
    /// </summary>
    public async Task<T> DiagnosedAsync<T>(Func<Task<T>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (_diagnoses.Count > 0 && e is not ScenarioSkippedException)
        {
            var verdicts = new List<string>();
            foreach (var diagnosis in _diagnoses)
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                try { verdicts.Add((await diagnosis.ExplainAsync(bound.Token)).ToString()); }
                catch (Exception failed) when (failed is OperationCanceledException or ApiException or InvalidOperationException)
                {
                    verdicts.Add($"where the signal stopped could not be read: {failed.Message}");
                }
            }
            throw new SignalStoppedException($"{e.Message}\n{string.Join("\n", verdicts)}", e);
        }
    }

    public Task DiagnosedAsync(Func<Task> check) => DiagnosedAsync(async () => { await check(); return true; });

    public EmittedTrace RequireTrace() => Trace ?? throw new InvalidOperationException("no span sent yet in this scenario");
    public string RequireLogLine() => LogLine ?? throw new InvalidOperationException("no log line sent yet in this scenario");

    /// <summary>Runs when the scenario ends, pass or fail: removes what the scenario left in a shared stack.</summary>
    public void OnCleanup(Func<Task> cleanup) => _cleanups.Add(cleanup);

    public async ValueTask DisposeAsync()
    {
        foreach (var cleanup in Enumerable.Reverse(_cleanups))
        {
            try { await cleanup(); }
            catch (Exception e) when (e is ApiException or EmitterException or HttpRequestException) { /* best effort */ }
        }
    }
}
