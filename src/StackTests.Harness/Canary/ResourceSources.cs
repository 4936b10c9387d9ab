using StackTests.Harness.Providers;

namespace StackTests.Harness.Canary;

/// <summary>Where a stack's services' CPU time and memory can be read, by provider.</summary>
public static class ResourceSources
{
    /// <summary>
    /// /proc for the local stack's processes, the engine's stats for containers; for a stack whose
    /// services this host cannot see (external), a source that says so for each service.
    /// Dispose it when done (the engine's client).
    /// </summary>
    public static IResourceSource For(IStack stack, string runId) => stack switch
    {
        LocalStack local => new ProcResourceSource(local.ProcessIdOf),
        { Provider: "testcontainers" or "compose" } => new DockerResourceSource(runId),
        _ => new NoResources(stack.Provider),
    };

    private sealed class NoResources(string provider) : IResourceSource
    {
        public Task<ResourceReading?> ReadAsync(string service, CancellationToken cancellationToken) =>
            throw new NotSupportedException($"the {provider} stack gives no access to its services' processes");
    }
}
