using System.Globalization;

namespace CrmPlatform.ApiBench;

/// <summary>
/// Cores used during a run, from /proc: this bench, each process of the suite (the AppHost's tree:
/// gateway, services, the identity service, PostgreSQL, RabbitMQ, Redis) and the rest of the machine, so a figure says who
/// used the two cores and whether someone else did.
/// </summary>
public static class CpuUse
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public sealed record Snapshot(DateTime At, double MachineBusy, IReadOnlyDictionary<string, double> Groups);

    public static Snapshot Take(int suitePid)
    {
        var processes = ReadProcesses();
        var children = processes.Values.ToLookup(p => p.ParentId);
        var groups = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["bench"] = processes.TryGetValue(Environment.ProcessId, out var self) ? self.Ticks / TicksPerSecond : 0,
        };
        var pending = new Stack<(int Pid, string Inherited)>();
        pending.Push((suitePid, "apphost"));
        while (pending.Count > 0)
        {
            var (pid, inherited) = pending.Pop();
            if (!processes.TryGetValue(pid, out var process))
            {
                continue;
            }

            var group = Classify(process) ?? inherited;
            groups[group] = groups.GetValueOrDefault(group) + process.Ticks / TicksPerSecond;
            foreach (var child in children[pid])
            {
                pending.Push((child.Id, group));
            }
        }

        return new Snapshot(DateTime.UtcNow, ReadMachineBusy(), groups);
    }

    /// <summary>"interactions 0.61, postgres 0.52, … others 0.10, machine 1.93 of 2 cores".</summary>
    public static string Describe(Snapshot from, Snapshot to)
    {
        var elapsed = (to.At - from.At).TotalSeconds;
        if (elapsed <= 0)
        {
            return "";
        }

        var used = to.Groups.Select(g => (g.Key, Cores: Math.Max(0, g.Value - from.Groups.GetValueOrDefault(g.Key)) / elapsed)).ToList();
        var machine = (to.MachineBusy - from.MachineBusy) / elapsed;
        var others = Math.Max(0, machine - used.Sum(u => u.Cores));
        return string.Join(", ", used.Where(u => u.Cores >= 0.005).OrderByDescending(u => u.Cores).Select(u => string.Create(CultureInfo.InvariantCulture, $"{u.Key} {u.Cores:F2}")))
            + string.Create(CultureInfo.InvariantCulture, $", others {others:F2}; machine {machine:F2} of {Environment.ProcessorCount} cores");
    }

    private sealed record ProcessInfo(int Id, int ParentId, string Command, long Ticks);

    private static string? Classify(ProcessInfo process)
    {
        switch (process.Command)
        {
            case "postgres":
                return "postgres";
            case "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost":
                return "rabbitmq";
            case "redis-server":
                return "redis";
            case "dotnet":
                break;
            default:
                return null;
        }

        string commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{process.Id}/cmdline");
        }
        catch (IOException)
        {
            return null;
        }

        string[] names = ["AppHost", "Gateway", "Customers", "Interactions", "ServiceDesk", "Analytics", "Identity"];
        return names.FirstOrDefault(n => commandLine.Contains($"CrmPlatform.{n}.dll", StringComparison.Ordinal))?.ToLowerInvariant();
    }

    private static Dictionary<int, ProcessInfo> ReadProcesses()
    {
        var result = new Dictionary<int, ProcessInfo>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            // After the command: [0]=state [1]=ppid … [11]=utime [12]=stime (fields 3, 4, 14, 15 of proc(5)).
            var fields = stat[(close + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            result[pid] = new ProcessInfo(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), stat[(open + 1)..close], ticks);
        }

        return result;
    }

    private static double ReadMachineBusy()
    {
        var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum() - values[3] - values[4]) / TicksPerSecond;
    }
}
