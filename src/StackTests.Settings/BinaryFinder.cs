namespace StackTests.Settings;

/// <summary>
/// Finds a program by name, the first executable file of that name in these folders, in order:
/// STACKTESTS_BIN_DIR (the user's choice wins); the checkout's .tools/sid/usr/bin (the newer builds
/// tools/install-components.sh fetches, matching compose's pins); PATH; then /usr/bin, /usr/sbin
/// and /sbin, where Debian installs the packages the local stack runs (mosquitto is in /usr/sbin,
/// which a user's PATH often lacks).
/// </summary>
public static class BinaryFinder
{
    private static readonly string[] SystemFolders = ["/usr/bin", "/usr/sbin", "/sbin"];

    /// <summary>The folders searched, in order.</summary>
    public static IReadOnlyList<string> SearchFolders(SuiteSettings settings)
    {
        var folders = new List<string>();
        if (settings.BinDirectory is { } bin) folders.Add(bin);
        if (settings.Root is { } root) folders.Add(Path.Combine(root, ".tools", "sid", "usr", "bin"));
        folders.AddRange(settings.SearchPath);
        folders.AddRange(SystemFolders);
        return folders;
    }

    /// <summary>The program's path, or null when no folder holds an executable of that name.</summary>
    public static string? Find(string name) => Find(name, SuiteSettings.Current);

    public static string? Find(string name, SuiteSettings settings) =>
        SearchFolders(settings).Select(folder => Path.Combine(folder, name)).FirstOrDefault(IsExecutable);

    /// <summary>The first of these names found (each searched in every folder before the next name).</summary>
    public static string? FindAny(IEnumerable<string> names) => names.Select(Find).FirstOrDefault(path => path is not null);

    private static bool IsExecutable(string path) =>
        File.Exists(path) && !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
