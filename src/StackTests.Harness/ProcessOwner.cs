using System.Globalization;

namespace StackTests.Harness;

/// <summary>
/// Which process owns what a run leaves on the host (containers, networks, volumes, run folders):
/// "host/pid/start", unique on this host even when pids are reused, so a later run can tell the
/// leftovers of a run that has ended from those of one still running.
/// </summary>
public static class ProcessOwner
{
    /// <summary>This process.</summary>
    public static string Current { get; } = Of(Environment.ProcessId) ?? $"{Environment.MachineName}/{Environment.ProcessId}/0";

    /// <summary>The owner a process would be, or null when it does not run (on this host).</summary>
    public static string? Of(int pid)
    {
        // Field 22 of /proc/PID/stat: the process's start time in clock ticks since boot. The name
        // (field 2) may hold spaces and ')', so fields are counted after its last ')'.
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return $"{Environment.MachineName}/{pid}/{fields[19]}";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Whether an owner has gone: a process of this host that no longer runs.</summary>
    public static bool HasEnded(string? owner)
    {
        var parts = owner?.Split('/') ?? [];
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var pid))
            return false; // another host's, or not ours to judge
        return Of(pid) != owner;
    }
}
