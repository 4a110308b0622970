using System.Globalization;
using System.Runtime.InteropServices;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// POSIX process-group signalling. Every server runs in its own session/process group (via setsid),
/// so one kill(-pgid) reaches the server and every child it forked (postgres backends, Erlang's beam).
/// </summary>
internal static partial class Native
{
    public const int SigHup = 1;
    public const int SigInt = 2;
    public const int SigKill = 9;
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint SysGetEuid();

    public static bool IsRoot => SysGetEuid() == 0;

    /// <summary>Signals the whole process group led by <paramref name="pgid"/>; false when it no longer exists.</summary>
    public static bool SignalGroup(int pgid, int signal) => pgid > 1 && SysKill(-pgid, signal) == 0;

    public static bool Signal(int pid, int signal) => pid > 1 && SysKill(pid, signal) == 0;

    /// <summary>True while the process exists and is not a zombie waiting to be reaped.</summary>
    public static bool IsAlive(int pid) => ReadStat(pid) is { } stat && stat.State != 'Z';

    /// <summary>
    /// Field 22 of /proc/&lt;pid&gt;/stat (start time in clock ticks since boot). Together with the pid
    /// it identifies a process, so a recycled pid is never mistaken for our leftover.
    /// </summary>
    public static long? StartTime(int pid) => ReadStat(pid)?.StartTime;

    private static (char State, long StartTime)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may contain spaces; fields after it are plain.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
