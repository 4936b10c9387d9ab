using StackTests.Bdd;
using StackTests.Harness;

namespace StackTests.Acceptance;

/// <summary>
/// The one stack of this test run: started by the first scenario that needs it, shared by all,
/// stopped after the last. A stack that failed to start fails every scenario with the same reason
/// instead of being retried.
/// </summary>
[Binding]
public sealed class StackSession
{
    private static readonly string[] Profiles =
        (Environment.GetEnvironmentVariable("STACKTESTS_PROFILES") is { Length: > 0 } p ? p : "core,iot")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static readonly Lazy<Task<IStack>> Stack = new(StartAsync);

    public static Task<IStack> GetAsync() => Stack.Value;

    private static async Task<IStack> StartAsync()
    {
        var stack = StackFactory.Create(Environment.GetEnvironmentVariable("STACKTESTS_STACK"), Profiles, TestRun.Directory);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await stack.StartAsync(timeout.Token);
        return stack;
    }

    [AfterTestRun]
    public static async Task StopStack()
    {
        if (Stack.IsValueCreated && Stack.Value.IsCompletedSuccessfully)
            await Stack.Value.Result.DisposeAsync();
    }
}
