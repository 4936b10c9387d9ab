namespace StackTests.Harness;

/// <summary>
/// Where the stack definition lives: STACKTESTS_ROOT, or the nearest folder above the test
/// binaries that holds compose/compose.yaml.
/// </summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string ComposeFile => Path.Combine(Root, "compose", "compose.yaml");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("STACKTESTS_ROOT") is { Length: > 0 } configured)
            return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "compose", "compose.yaml")))
                return dir.FullName;
        throw new InvalidOperationException($"no compose/compose.yaml above {AppContext.BaseDirectory}; set STACKTESTS_ROOT");
    }
}
