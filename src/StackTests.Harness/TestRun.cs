using System.Security.Cryptography;

namespace StackTests.Harness;

/// <summary>
/// This run's identity. Every signal the suite emits carries the run id, and every query filters
/// on it, so runs sharing one stack never see each other's data.
/// </summary>
public static class TestRun
{
    public static string Id { get; } =
        Environment.GetEnvironmentVariable("STACKTESTS_RUN_ID") is { Length: > 0 } given
            ? given
            : $"run-{DateTime.UtcNow:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <summary>Where this run keeps service data, copied configs and logs.</summary>
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("STACKTESTS_RUN_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.Combine(Path.GetTempPath(), "stacktests", Id);
}
