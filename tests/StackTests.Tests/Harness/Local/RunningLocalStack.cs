using StackTests.Harness;
using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Tests.Harness.Local;

/// <summary>The project's own compose.yaml, core and iot, started once as local processes for a test class.</summary>
public sealed class RunningLocalStack : IAsyncLifetime
{
    public ComposeFile Compose { get; } = ComposeFile.Load(RepositoryLayout.ComposeFile);
    public string RunDirectory { get; } = Path.Combine(TestRun.Directory, "harness-local-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalStack Stack { get; private set; } = null!;

    /// <summary>Addresses of their own, so an acceptance run on the same host does not collide with these tests.</summary>
    public const string Loopback = "127.0.41";

    public async ValueTask InitializeAsync()
    {
        Stack = new LocalStack(Compose, ["core", "iot"], RunDirectory, Loopback);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Stack.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}
