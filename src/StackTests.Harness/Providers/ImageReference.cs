namespace StackTests.Harness.Providers;

/// <summary>
/// Image references as the container providers use them. STACKTESTS_IMAGE_REGISTRY=PREFIX turns
/// every image (compose services and the log writer) into PREFIX/REFERENCE, e.g.
/// prom/prometheus:v3.5.3 into mirror.example:5000/prom/prometheus:v3.5.3: what users behind a
/// registry mirror need, and how CI uses the images it builds (stacktests.local/...).
/// </summary>
public static class ImageReference
{
    /// <summary>The prefix from STACKTESTS_IMAGE_REGISTRY, without a trailing '/'; null when unset.</summary>
    public static string? Registry => SuiteSettings.Current.ImageRegistry;

    /// <summary>The reference to use for an image compose (or the suite) names.</summary>
    public static string Resolve(string reference) => WithRegistry(reference, Registry);

    public static string WithRegistry(string reference, string? registry) =>
        registry is null || reference.Length == 0 ? reference : $"{registry}/{reference}";

    /// <summary>"host:5000/prom/prometheus:v3.5.3" as ("host:5000/prom/prometheus", "v3.5.3"); no tag means "latest".</summary>
    public static (string Name, string Tag) Split(string reference)
    {
        var at = reference.IndexOf('@');
        if (at >= 0) return (reference[..at], reference[(at + 1)..]);
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}
