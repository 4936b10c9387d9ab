namespace StackTests.Harness;

/// <summary>
/// A running Obstackd stack, however it was provided (local processes, containers, compose,
/// external): how a scenario reaches its services (IStackAccess) and controls them (IStackControl),
/// and how the run starts it and reports on its start.
/// </summary>
public interface IStack : IStackAccess, IStackControl, IAsyncDisposable
{
    /// <summary>Starts every available service of the chosen profiles and waits until each is ready.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Each started service's time from its start until it was first ready, where the provider measures it.</summary>
    IReadOnlyDictionary<string, TimeSpan> ReadyAfter => new Dictionary<string, TimeSpan>();

    /// <summary>What the run should show about the stack: leftovers removed, images whose version differs from compose's tag.</summary>
    IReadOnlyList<string> Notes => [];
}
