using StackTests.Compose;
using StackTests.Harness.Providers;

namespace StackTests.Harness;

/// <summary>Builds the stack provider named by --stack / STACKTESTS_STACK.</summary>
public static class StackFactory
{
    public static IReadOnlyList<string> Providers { get; } = ["auto", "local", "testcontainers", "compose", "external"];

    /// <summary>
    /// What "auto" picks before the services are known: containers where a Docker engine answers, else
    /// local processes. Create goes further (AutoChoice): containers only where their images are there.
    /// </summary>
    public static string Resolve(string? provider) =>
        (provider is null or "" ? "auto" : provider) switch
        {
            "auto" => DockerProbe.IsAvailable ? "testcontainers" : "local",
            var named => named,
        };

    /// <summary>What the last Create of this process made of "auto", and why; null when a provider was named.</summary>
    public static AutoChoice? AutoChosen { get; private set; }

    /// <param name="services">the services to start (with their dependencies); null starts every service of the profiles</param>
    public static IStack Create(string? provider, IEnumerable<string> profiles, string runDirectory, IEnumerable<string>? services = null)
    {
        var chosen = profiles.ToList();
        var full = ComposeFile.Load(RepositoryLayout.ComposeFile);
        var compose = full.Only(services is null ? null : ServiceSelection.WithDependencies(full, services));
        AutoChosen = provider is null or "" or "auto" ? AutoChoice.For(compose.ServicesFor(chosen)) : null;
        IStack stack = (AutoChosen?.Provider ?? Resolve(provider)) switch
        {
            "local" => new LocalStack(compose, chosen, runDirectory),
            "testcontainers" => new TestcontainersStack(compose, chosen, TestRun.Id, runDirectory),
            "compose" => new DockerComposeStack(compose, chosen, TestRun.Id, runDirectory),
            "external" => new ExternalStack(compose.ServicesFor(chosen), SuiteSettings.Current.Variable),
            var other => throw new ArgumentException(
                $"unknown stack provider '{other}' (STACKTESTS_STACK / --stack); choose one of: {string.Join(", ", Providers)}"),
        };
        // A run's folder is kept after it ends (its service logs); folders of older runs go.
        RunFolders.ClaimAndSweep(runDirectory);
        return stack;
    }
}
