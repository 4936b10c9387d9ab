using System.Collections.Concurrent;

namespace StackTests.Harness;

/// <summary>
/// The services that answered the calls made in one flow of work (a scenario): each client records
/// the base URL it reached once an answer came back, whatever its status. What records them is the
/// log begun for the current asynchronous flow; outside one, nothing is recorded.
/// </summary>
public sealed class ServiceCalls
{
    private static readonly AsyncLocal<ServiceCalls?> CurrentLog = new();
    private readonly ConcurrentDictionary<string, string> _answered = new(StringComparer.Ordinal);

    /// <summary>The log of the current flow, or null outside one.</summary>
    public static ServiceCalls? Current => CurrentLog.Value;

    /// <summary>Begins a log for the current flow and everything it starts.</summary>
    public static ServiceCalls Begin() => CurrentLog.Value = new ServiceCalls();

    /// <summary>
    /// Records nothing more in the current flow (call it first in an async method whose calls belong to
    /// no one flow, such as starting a shared stack): the caller's flow keeps its log.
    /// </summary>
    public static void Detach() => CurrentLog.Value = null;

    /// <summary>Records that the component at the URL answered.</summary>
    public static void Answered(string component, Uri url) => Current?._answered.TryAdd(AddressOf(url), component);

    /// <summary>The addresses that answered (host:port, lower case), with the component name the client gave.</summary>
    public IReadOnlyDictionary<string, string> Addresses => _answered;

    /// <summary>host:port of a URL, as the log keys it (schemes differ: http, mqtt).</summary>
    public static string AddressOf(Uri url) => $"{url.Host}:{url.Port}".ToLowerInvariant();
}
