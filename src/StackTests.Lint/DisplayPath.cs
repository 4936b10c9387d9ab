namespace StackTests.Lint;

/// <summary>
/// Paths in findings are written the way the user named what was linted: relative to the
/// current folder when they gave a relative path, absolute otherwise. One file always gets the
/// same spelling, so findings about it from several tools sort and de-duplicate together.
/// </summary>
public static class DisplayPath
{
    public static string Like(string reference, string path)
    {
        var full = Path.GetFullPath(path);
        return Path.IsPathRooted(reference) ? full : Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
    }
}
