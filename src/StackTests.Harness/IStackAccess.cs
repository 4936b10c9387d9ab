namespace StackTests.Harness;

/// <summary>How a scenario reaches the services of a running stack.</summary>
public interface IStackAccess
{
    /// <summary>The provider's name, as given to --stack.</summary>
    string Provider { get; }

    /// <summary>Whether the stack supplies the service; when not, Unavailable says why.</summary>
    bool IsAvailable(string service);

    /// <summary>Why a service is not available, e.g. "binary 'loki' not found on PATH"; null when it is.</summary>
    string? Unavailable(string service);

    /// <summary>
    /// The base URL that reaches a port of a service, by the name compose.yaml's x-stacktests.ports
    /// gives it (e.g. Endpoint("otel-collector", "otlp-http") is http://127.0.0.22:4318 on the local stack).
    /// </summary>
    Uri Endpoint(string service, string port);

    /// <summary>The services this stack supplies that are up now (a stopped one is missing until started again).</summary>
    IReadOnlyList<string> RunningServices { get; }

    /// <summary>
    /// What the service runs from on this stack (an image and what it stands in for, a local binary, an
    /// external URL), as a result's evidence shows it; null where the provider cannot say.
    /// </summary>
    string? Origin(string service) => null;

    /// <summary>The login of a service that needs one (Grafana), or null.</summary>
    ServiceCredentials? Credentials(string service);
}
