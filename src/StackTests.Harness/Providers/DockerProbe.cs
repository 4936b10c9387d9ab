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

    // Where Testcontainers looks first: DOCKER_HOST, else the default socket.
    private static string Endpoint =>
        SuiteSettings.Current.DockerHost is { } host ? $"DOCKER_HOST={host}" : "unix:///var/run/docker.sock";

    private static string? Probe()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null
                ? $"no Docker engine answers at {Endpoint} " +
                  "(Testcontainers also looked at ~/.testcontainers.properties); start Docker, or use --stack local"
                : null;
        }
        catch (Exception e)
        {
            return $"no Docker engine answers ({e.GetType().Name}: {e.Message}); start Docker, or use --stack local";
        }
    }
}
