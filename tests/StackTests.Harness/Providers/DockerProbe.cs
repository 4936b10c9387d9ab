using DotNet.Testcontainers.Configurations;

namespace StackTests.Harness.Providers;

/// <summary>
/// Whether a Docker engine answers, asked cheaply before anything is built: Testcontainers
/// resolves its endpoint (DOCKER_HOST, ~/.testcontainers.properties, the default socket) once
/// and keeps it; null means none answered.
/// </summary>
public static class DockerProbe
{
    private static readonly Lazy<string?> Reason = new(Probe);

    /// <summary>Null when an engine answers; else why Docker cannot be used, for skip and error messages.</summary>
    public static string? Unavailable => Reason.Value;

    public static bool IsAvailable => Unavailable is null;

    private static string? Probe()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
                ? "no Docker engine answers (Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and " +
                  "/var/run/docker.sock); start Docker, or use --stack local"
                : null;
        }
        catch (Exception e)
        {
            return $"no Docker engine answers ({e.GetType().Name}: {e.Message}); start Docker, or use --stack local";
        }
    }
}
