namespace StackTests.Harness;

/// <summary>A running Obstackd stack, however it was provided (local processes, containers, compose, external).</summary>
public interface IStack : IAsyncDisposable
{
    /// <summary>The provider's name, as given to --stack.</summary>
    string Provider { get; }

    /// <summary>Starts every available service of the chosen profiles and waits until each is ready.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Whether the stack supplies the service; when not, Unavailable says why.</summary>
    bool IsAvailable(string service);

    /// <summary>Why a service is not available, e.g. "binary 'loki' not found on PATH"; null when it is.</summary>
    string? Unavailable(string service);

    /// <summary>The base URL that reaches a container port of a service (e.g. http://127.0.0.10:9090).</summary>
    Uri Endpoint(string service, int containerPort);

    /// <summary>The services this stack supplies that are up now (a stopped one is missing until started again).</summary>
    IReadOnlyList<string> RunningServices { get; }

    /// <summary>The login of a service that needs one (Grafana), or null.</summary>
    ServiceCredentials? Credentials(string service);

    /// <summary>The last lines a service logged, oldest first, each prefixed "service: ".</summary>
    Task<IReadOnlyList<string>> LogsAsync(string service, int lines, CancellationToken cancellationToken);

    /// <summary>Where the service's full log is kept on this host, or null when the provider keeps none.</summary>
    string? LogFile(string service);

    /// <summary>Whether StopServiceAsync / StartServiceAsync / RestartServiceAsync can work; the external stack cannot.</summary>
    bool CanControlServices { get; }

    /// <summary>Stops one service (fault scenarios); it stays available and can be started again.</summary>
    Task StopServiceAsync(string service, CancellationToken cancellationToken);

    /// <summary>Starts a stopped service and waits until it is ready.</summary>
    Task StartServiceAsync(string service, CancellationToken cancellationToken);

    /// <summary>Stops and starts one service and waits until it is ready again.</summary>
    Task RestartServiceAsync(string service, CancellationToken cancellationToken);

    /// <summary>Each started service's time from its start until it was first ready, where the provider measures it.</summary>
    IReadOnlyDictionary<string, TimeSpan> ReadyAfter => new Dictionary<string, TimeSpan>();

    /// <summary>What the run should show about the stack: leftovers removed, images whose version differs from compose's tag.</summary>
    IReadOnlyList<string> Notes => [];
}
