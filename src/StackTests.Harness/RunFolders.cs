namespace StackTests.Harness;

/// <summary>
/// The run folders under &lt;tmp&gt;/stacktests (service data, copied configs, service logs). Each run
/// writes its owner into its folder; a new run removes the folders of runs that have ended,
/// keeping the newest few, whose service logs are what one reads after a failure. A folder named by
/// STACKTESTS_RUN_DIR elsewhere is the user's and is left alone.
/// </summary>
public static class RunFolders
{
    public const string OwnerFile = ".owner";

    /// <summary>How many folders of ended runs are kept.</summary>
    public const int Kept = 10;

    // A folder without an owner file may belong to a run that is just starting.
    private static readonly TimeSpan Settling = TimeSpan.FromMinutes(1);

    public static string DefaultParent => Path.Combine(Path.GetTempPath(), "stacktests");

    /// <summary>
    /// Marks the run folder as this process's and, when it lies in <paramref name="parent"/>, removes
    /// that folder's other run folders whose runs have ended, beyond the newest <see cref="Kept"/>.
    /// Returns the folders removed.
    /// </summary>
    public static IReadOnlyList<string> ClaimAndSweep(string runDirectory, string? parent = null)
    {
        parent ??= DefaultParent;
        var full = Path.GetFullPath(runDirectory);
        if (!string.Equals(Path.GetDirectoryName(full), Path.GetFullPath(parent), StringComparison.Ordinal)) return [];
        Directory.CreateDirectory(full);
        File.WriteAllText(Path.Combine(full, OwnerFile), ProcessOwner.Current);

        var ended = new DirectoryInfo(parent).EnumerateDirectories()
            .Where(d => !string.Equals(d.FullName, full, StringComparison.Ordinal) && HasEnded(d))
            .OrderByDescending(d => d.LastWriteTimeUtc)
            .Skip(Kept)
            .ToList();
        var removed = new List<string>();
        foreach (var folder in ended)
        {
            try { folder.Delete(recursive: true); removed.Add(folder.FullName); }
            catch (IOException) { } // in use or already gone: the next run tries again
            catch (UnauthorizedAccessException) { } // another user's (a service ran as another uid)
        }
        return removed;
    }

    private static bool HasEnded(DirectoryInfo folder)
    {
        var ownerFile = Path.Combine(folder.FullName, OwnerFile);
        try
        {
            if (File.Exists(ownerFile)) return ProcessOwner.HasEnded(File.ReadAllText(ownerFile).Trim());
            return DateTime.UtcNow - folder.LastWriteTimeUtc > Settling;
        }
        // Removed meanwhile by another run, or another user's: not this run's to judge.
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
