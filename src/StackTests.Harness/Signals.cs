using System.Runtime.InteropServices;

namespace StackTests.Harness;

/// <summary>POSIX signals that .NET's Process does not offer (it only sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    /// <summary>Asks a process to shut down cleanly.</summary>
    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    /// <summary>
    /// Asks every process of a process group to shut down cleanly; false when there is no such group
    /// (yet: a child started through setsid has its group only once setsid ran).
    /// </summary>
    public static bool TerminateGroup(int processGroup) => Kill(-processGroup, SigTerm) == 0;

    /// <summary>Kills one process.</summary>
    public static void KillProcess(int pid) => _ = Kill(pid, SigKill);

    /// <summary>Kills every process of a process group at once.</summary>
    public static void KillGroup(int processGroup) => _ = Kill(-processGroup, SigKill);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
