using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Harness.Tests.Local;

/// <summary>The project's own compose.yaml, core and iot, started once as local processes for a test class.</summary>
public sealed class RunningLocalStack : IAsyncLifetime
{
    public ComposeFile Compose { get; } = ComposeFile.Load(RepositoryLayout.ComposeFile);
    public string RunDirectory { get; } = Path.Combine(TestRun.Directory, "harness-local-" + Guid.NewGuid().ToString("N")[..8]);
    public LocalStack Stack { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Stack = new LocalStack(Compose, ["core", "iot"], RunDirectory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Stack.StartAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync() => await Stack.DisposeAsync();
}
