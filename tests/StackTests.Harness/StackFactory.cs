using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Harness;

/// <summary>Builds the stack provider named by --stack / STACKTESTS_STACK.</summary>
public static class StackFactory
{
    public static IReadOnlyList<string> Providers { get; } = ["auto", "local"];

    public static IStack Create(string? provider, IEnumerable<string> profiles, string runDirectory)
    {
        var compose = ComposeFile.Load(RepositoryLayout.ComposeFile);
        return (provider is null or "" ? "auto" : provider) switch
        {
            // A Docker-based provider is preferred where an engine answers; only the local one exists so far.
            "auto" or "local" => new LocalStack(compose, profiles, runDirectory),
            var other => throw new ArgumentException(
                $"unknown stack provider '{other}' (STACKTESTS_STACK / --stack); choose one of: {string.Join(", ", Providers)}"),
        };
    }
}
