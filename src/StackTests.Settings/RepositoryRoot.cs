namespace StackTests.Settings;

/// <summary>The repository root: the folder holding StackTests.sln, beside compose/, features/ and tools/.</summary>
public static class RepositoryRoot
{
    public const string Marker = "StackTests.sln";

    /// <summary>
    /// STACKTESTS_ROOT, else the nearest folder holding StackTests.sln above the running code, else above
    /// the working directory; null when there is none.
    /// </summary>
    public static string? Find() => SuiteSettings.Current.Root;

    /// <summary><see cref="Find"/>, or an error saying where it looked and what to set.</summary>
    public static string Require() => Find() ?? throw new SettingsException(
        $"no {Marker} above {AppContext.BaseDirectory} nor above {Directory.GetCurrentDirectory()}: " +
        "run from inside the StackTests repository, or set STACKTESTS_ROOT");

    /// <summary>The nearest folder holding StackTests.sln above the first of these folders that has one; null when none has.</summary>
    public static string? Search(params string[] startFolders)
    {
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        return null;
    }
}
