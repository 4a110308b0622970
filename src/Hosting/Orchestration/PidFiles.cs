using System.Globalization;

namespace CrmPlatform.Hosting.Orchestration;

/// <summary>
/// <c>pids/&lt;resource&gt;.pid</c> holds "pid starttime". If the AppHost dies hard (kill -9), its
/// servers keep running in their own process groups; the next start reads these files and sweeps them.
/// </summary>
internal sealed class PidFiles(string directory, Action<string> report)
{
    public static readonly TimeSpan SweepGrace = TimeSpan.FromSeconds(10);

    public string Directory { get; } = directory;

    public void Write(string name, int pid, long startTime)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(PathOf(name), string.Create(CultureInfo.InvariantCulture, $"{pid} {startTime}\n"));
    }

    public void Remove(string name) => File.Delete(PathOf(name));

    /// <summary>Kills every recorded process group that still runs the very process recorded (same start time).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return;
        }

        var sweeps = new List<Task>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.pid"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (TryRead(file, out var pid, out var startTime) && Native.IsAlive(pid) && Native.StartTime(pid) == startTime)
            {
                report($"sweeping leftover '{name}' (pid {pid}) from a previous run");
                sweeps.Add(KillGroupAsync(pid, Native.SigTerm, cancellationToken));
            }

            File.Delete(file);
        }

        await Task.WhenAll(sweeps);
    }

    /// <summary>Signals the group, waits up to <see cref="SweepGrace"/>, then SIGKILLs it.</summary>
    public static async Task KillGroupAsync(int pgid, int signal, CancellationToken cancellationToken)
    {
        Native.SignalGroup(pgid, signal);
        var deadline = DateTime.UtcNow + SweepGrace;
        while (Native.IsAlive(pgid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100, cancellationToken);
        }

        Native.SignalGroup(pgid, Native.SigKill);
    }

    private static bool TryRead(string file, out int pid, out long startTime)
    {
        pid = 0;
        startTime = 0;
        var parts = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out startTime);
    }

    private string PathOf(string name) => Path.Combine(Directory, name + ".pid");
}
