namespace StackTests.Lint;

/// <summary>Finds the repository root (the folder holding StackTests.sln) from where the code runs.</summary>
public static class RepositoryRoot
{
    /// <summary>The root above the first of these folders that has one, or null.</summary>
    public static string? Find(params string?[] startFolders)
    {
        foreach (var start in startFolders.Append(AppContext.BaseDirectory).Append(Directory.GetCurrentDirectory()))
        {
            for (var dir = start is null ? null : new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "StackTests.sln"))) return dir.FullName;
        }
        return null;
    }
}
