using StackTests.Harness;
using System.Diagnostics;

namespace StackTests.Tests.Harness;

public sealed class RunFoldersTests : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("runfolders-").FullName;

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Folder(string name, string? owner, DateTime written)
    {
        var path = Path.Combine(_parent, name);
        Directory.CreateDirectory(path);
        if (owner is not null) File.WriteAllText(Path.Combine(path, RunFolders.OwnerFile), owner);
        Directory.SetLastWriteTimeUtc(path, written);
        return path;
    }

    private static string EndedOwner()
    {
        using var ended = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var owner = ProcessOwner.Of(ended.Id)!;
        ended.WaitForExit();
        return owner;
    }

    [Fact]
    public void Ended_runs_beyond_the_newest_kept_are_removed_live_and_starting_ones_stay()
    {
        var ended = EndedOwner();
        var old = DateTime.UtcNow.AddHours(-2);
        var endedFolders = Enumerable.Range(0, RunFolders.Kept + 3)
            .Select(i => Folder($"run-ended-{i:D2}", ended, old.AddMinutes(i))).ToList();
        var live = Folder("run-live", ProcessOwner.Current, old.AddDays(-3));
        var starting = Folder("run-starting", owner: null, DateTime.UtcNow);
        var legacy = Folder("run-legacy", owner: null, old.AddDays(-1));

        var removed = RunFolders.ClaimAndSweep(Path.Combine(_parent, "run-current"), _parent);

        // The 3 oldest ended runs and the owner-less folder older than the newest kept go.
        removed.Should().BeEquivalentTo(endedFolders.Take(3).Append(legacy));
        Directory.Exists(live).Should().BeTrue("its owner still runs");
        Directory.Exists(starting).Should().BeTrue("a folder without an owner may be a run that is starting");
        endedFolders.Skip(3).Should().OnlyContain(f => Directory.Exists(f));
        File.ReadAllText(Path.Combine(_parent, "run-current", RunFolders.OwnerFile)).Should().Be(ProcessOwner.Current);
    }

    [Fact]
    public void A_run_folder_outside_the_parent_is_the_users_and_nothing_is_swept()
    {
        var ended = Folder("run-ended", EndedOwner(), DateTime.UtcNow.AddDays(-1));
        using var elsewhere = new TempFolder();
        for (var i = 0; i <= RunFolders.Kept; i++) Folder($"run-{i}", EndedOwner(), DateTime.UtcNow.AddDays(-1));

        RunFolders.ClaimAndSweep(Path.Combine(elsewhere.Path, "mine"), _parent).Should().BeEmpty();
        Directory.Exists(ended).Should().BeTrue();
        File.Exists(Path.Combine(elsewhere.Path, "mine", RunFolders.OwnerFile)).Should().BeFalse();
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("runfolders-other-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
