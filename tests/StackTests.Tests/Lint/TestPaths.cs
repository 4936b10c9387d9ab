using StackTests.Settings;

namespace StackTests.Tests.Lint;

/// <summary>Where the tests find the stack, the shared corpus, and a scratch copy of the stack.</summary>
public static class TestPaths
{
    public static string Root { get; } = RepositoryRoot.Require();

    public static string Compose => Path.Combine(Root, "compose");

    /// <summary>The real-world corpus next to the repository (../shared/corpus); may be absent.</summary>
    public static string Corpus => Path.GetFullPath(Path.Combine(Root, "..", "shared", "corpus"));

    /// <summary>A fresh copy of compose/ in a temporary folder, deleted on dispose.</summary>
    public static TempStack CopyOfCompose() => new(Compose);
}

public sealed class TempStack : IDisposable
{
    public TempStack(string source)
    {
        Folder = Directory.CreateTempSubdirectory("stacktests-compose-").FullName;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Folder { get; }

    public string PathOf(string relative) => Path.Combine(Folder, relative);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
