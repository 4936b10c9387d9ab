namespace StackTests.Tests.Harness.Local;

/// <summary>Reads /proc: which processes are alive, and which are children of a process.</summary>
public static class ProcessTable
{
    /// <summary>Alive and not a zombie (a zombie has ended but its parent has not collected it yet).</summary>
    public static bool IsAlive(int pid) => State(pid) is { } state && state != 'Z' && state != 'X';

    /// <summary>The pids whose parent is the given process, with their command names.</summary>
    public static IReadOnlyList<(int Pid, string Command)> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Stat: Stat(pid)))
            .Where(p => p.Stat is { } stat && ParentOf(stat) == parent && IsAlive(p.Pid))
            .Select(p => (p.Pid, CommandOf(p.Stat!)))
            .ToList();

    /// <summary>The live members of a process group.</summary>
    public static IReadOnlyList<int> GroupMembers(int processGroup) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : -1)
            .Where(pid => pid > 0 && Stat(pid) is { } stat && GroupOf(stat) == processGroup && IsAlive(pid))
            .ToList();

    private static int GroupOf(string stat) => int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[2]);

    private static char? State(int pid) => Stat(pid) is { } stat ? stat[stat.LastIndexOf(')') + 2] : null;

    private static int ParentOf(string stat) => int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);

    private static string CommandOf(string stat) => stat[(stat.IndexOf('(') + 1)..stat.LastIndexOf(')')];

    private static string? Stat(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
