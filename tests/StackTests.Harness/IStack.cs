namespace StackTests.Harness;

/// <summary>A running Obstackd stack, however it was provided (local processes, containers, external).</summary>
public interface IStack : IAsyncDisposable
{
    /// <summary>The provider's name, as given to --stack.</summary>
    string Provider { get; }

    /// <summary>Starts every available service of the chosen profiles and waits until each is ready.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Whether the service runs in this stack; when not, Unavailable says why.</summary>
    bool IsAvailable(string service);

    /// <summary>Why a service is not available, e.g. "binary 'loki' not found on PATH".</summary>
    string? Unavailable(string service);

    /// <summary>The base URL that reaches a container port of a service.</summary>
    Uri Endpoint(string service, int containerPort);

    /// <summary>The services this stack runs.</summary>
    IReadOnlyList<string> RunningServices { get; }
}
