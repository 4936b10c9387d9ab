using StackTests.Settings;

namespace StackTests.Tests.Alloy.Corpus;

/// <summary>
/// The shared real-world corpus: <c>../shared/corpus</c> next to the repository root (the folder
/// found by RepositoryRoot.Find, or STACKTESTS_ROOT). Tests skip, naming the
/// path, when it is absent; its files are never copied into the project.
/// </summary>
public static class CorpusFolder
{
    private static string? Root => RepositoryRoot.Find();

    public static string Path => Root is null
        ? "../shared/corpus (repository root not found: set STACKTESTS_ROOT)"
        : System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "corpus"));

    public static bool Exists => Root is not null && Directory.Exists(Path);

    /// <summary>The files of a corpus subfolder, sorted by name; empty when the corpus is absent.</summary>
    public static IReadOnlyList<string> Files(string subfolder, string pattern) =>
        Exists && Directory.Exists(System.IO.Path.Combine(Path, subfolder))
            ? Directory.GetFiles(System.IO.Path.Combine(Path, subfolder), pattern).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Theory rows: one file name per row, or a single placeholder row the test skips on.</summary>
    public static TheoryData<string> FileNames(string subfolder, string pattern)
    {
        var data = new TheoryData<string>();
        var files = Files(subfolder, pattern);
        if (files.Count == 0) data.Add(Absent);
        foreach (var file in files) data.Add(System.IO.Path.GetFileName(file));
        return data;
    }

    public const string Absent = "(corpus absent)";

    /// <summary>The full path of a corpus file; skips the calling test when the corpus is absent.</summary>
    public static string Require(string subfolder, string fileName)
    {
        if (fileName == Absent || !Exists)
            Assert.Skip($"the shared corpus is not available at {Path}/{subfolder}");
        return System.IO.Path.Combine(Path, subfolder, fileName);
    }
}
