namespace StackTests.Harness;

/// <summary>Finds an executable in STACKTESTS_BIN_DIR first, then on PATH.</summary>
public static class BinaryLocator
{
    public static string? Find(string name)
    {
        var folders = new List<string>();
        if (Environment.GetEnvironmentVariable("STACKTESTS_BIN_DIR") is { Length: > 0 } binDir) folders.Add(binDir);
        folders.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        folders.AddRange(["/usr/sbin", "/sbin"]);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
