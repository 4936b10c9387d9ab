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

    /// <summary>The log line this scenario sent (Loki push or a container's output), and when.</summary>
    public string? LogLine { get; set; }
    public string? LogSelector { get; set; }
    public Stopwatch? LogSent { get; set; }

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
