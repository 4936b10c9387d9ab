namespace StackTests.Alloy.Tests;

/// <summary>The repository root: STACKTESTS_ROOT, or the nearest folder above the test binaries holding compose/compose.yaml.</summary>
public static class Repository
{
    public static string? Root { get; } = Find();

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("STACKTESTS_ROOT") is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "compose", "compose.yaml")))
                return dir.FullName;
        return null;
    }
}
