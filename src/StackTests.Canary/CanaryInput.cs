using StackTests.Compose;
using StackTests.Harness;
using StackTests.Harness.Canary;

namespace StackTests.Canary;

/// <summary>The checks of the canary's input that need no stack: a problem means exit 2 before anything is sent.</summary>
public static class CanaryInput
{
    public static async Task<string?> ProblemAsync(CanaryOptions options, ComposeFile compose, CancellationToken cancellationToken)
    {
        var provider = StackFactory.Resolve(options.Stack);
        if (!StackFactory.Providers.Contains(provider))
            return $"unknown stack provider '{options.Stack}'; choose one of: {string.Join(", ", StackFactory.Providers)}";
        var needed = NeededServices(options, compose);
        foreach (var restart in options.Restarts)
        {
            if (provider == "external") return $"--restart {restart}: the external stack cannot restart services";
            if (!needed.Contains(restart.Service))
                return $"--restart {restart}: '{restart.Service}' is not a service of the signals {string.Join(", ", options.Signals)} " +
                       $"(they use: {string.Join(", ", needed.Order())})";
        }
        foreach (var service in options.MaxRss.Keys.Where(s => !needed.Contains(s)))
            return $"--max-rss: '{service}' is not a service of the signals {string.Join(", ", options.Signals)} (they use: {string.Join(", ", needed.Order())})";
        if (options.PushMetrics is { } url && await ResultPusher.UnreachableAsync(url, cancellationToken) is { } why)
            return $"--push-metrics: the Pushgateway does not answer: {why}";
        return null;
    }

    /// <summary>The services the chosen signals go through, with what they depend on.</summary>
    public static IReadOnlySet<string> NeededServices(CanaryOptions options, ComposeFile compose) =>
        ServiceSelection.WithDependencies(compose, options.Signals.SelectMany(SignalProbe.ServicesOf).Distinct()).ToHashSet();
}
