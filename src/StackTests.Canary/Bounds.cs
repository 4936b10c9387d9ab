namespace StackTests.Canary;

/// <summary>The canary's waits: each query or push is bounded, and Ctrl-C ends a wait without an error.</summary>
public static class Bounds
{
    /// <summary>The bound of one query, push or final question.</summary>
    public static readonly TimeSpan Query = TimeSpan.FromSeconds(15);

    /// <summary>Runs the action within <see cref="Query"/>; a failure goes to <paramref name="failed"/> when given, else is thrown.</summary>
    public static async Task Bounded(Func<CancellationToken, Task> action, CancellationToken cancellationToken, Action<string>? failed = null)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Query);
        try { await action(bounded.Token); }
        catch (Exception e) when (failed is not null && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)) { failed(e.Message); }
    }

    /// <summary>False when Ctrl-C ended the wait: the run goes on to report as far as it went.</summary>
    public static async Task<bool> Interruptible(Task wait)
    {
        try { await wait; return true; }
        catch (OperationCanceledException) { return false; }
    }
}
