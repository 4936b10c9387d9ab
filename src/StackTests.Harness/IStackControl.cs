namespace StackTests.Harness;

/// <summary>What a scenario can do to the services of a running stack: read their logs, stop, start and restart them.</summary>
public interface IStackControl
{
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
}
