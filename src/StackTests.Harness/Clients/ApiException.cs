namespace StackTests.Harness.Clients;

/// <summary>
/// A component's API failed: it could not be reached, timed out, or answered with an error.
/// The message names the component, the endpoint (method and path) and the status, never a
/// credential: clients send secrets only in headers, which no message repeats.
/// </summary>
public sealed class ApiException(string component, string endpoint, int? status, string message, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The component, e.g. "Loki".</summary>
    public string Component { get; } = component;

    /// <summary>Method and path, e.g. "POST /loki/api/v1/push".</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>The HTTP status, or null when no answer came (refused, timed out).</summary>
    public int? Status { get; } = status;
}
