using System.Globalization;

namespace CrmPlatform.Bench;

/// <summary>
/// CPU time from /proc: this process, the servers it started (its descendants: postgres, RabbitMQ's
/// beam.smp) and the whole machine, so a run shows who used the two cores, and whether someone else did.
/// </summary>
public static class CpuMeter
{
    private const double TicksPerSecond = 100.0; // USER_HZ on Linux

    public sealed record Snapshot(double Seconds, double MachineBusy, double MachineTotal, IReadOnlyDictionary<string, double> Groups);

    /// <summary>CPU seconds, cumulative, per group of our process tree, and the machine's busy/total CPU seconds.</summary>
    public static Snapshot Take(double atSeconds)
    {
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        var processes = ReadProcesses();
        var self = Environment.ProcessId;
        var children = processes.Values.ToLookup(p => p.ParentId);
        var pending = new Stack<(int Pid, string? Group)>();
        pending.Push((self, "bench"));
        while (pending.Count > 0)
        {
            var (pid, inherited) = pending.Pop();
            if (!processes.TryGetValue(pid, out var process))
            {
                continue;
            }

            var group = inherited ?? Classify(process.Id, process.Command);
            groups[group] = groups.GetValueOrDefault(group) + process.CpuTicks / TicksPerSecond;
            if (group == "postgres")
            {
                // A backend's title names its database: "postgres: postgres bench_consumer 127.0.0.1(…) idle".
                var part = "postgres/" + PostgresRole(pid);
                groups[part] = groups.GetValueOrDefault(part) + process.CpuTicks / TicksPerSecond;
            }
            foreach (var child in children[pid])
            {
                // A server keeps the group of the first recognised ancestor (RabbitMQ's helpers count as RabbitMQ).
                pending.Push((child.Id, inherited == "bench" ? null : group));
            }
        }

        var (busy, total) = ReadMachine();
        return new Snapshot(atSeconds, busy, total, groups);
    }

    /// <summary>Cores used per group between two snapshots (2.0 = both cores of this machine).</summary>
    public static Dictionary<string, double> CoresUsed(Snapshot from, Snapshot to)
    {
        var elapsed = to.Seconds - from.Seconds;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (elapsed <= 0)
        {
            return result;
        }

        foreach (var (group, seconds) in to.Groups)
        {
            result[group] = Math.Max(0, seconds - from.Groups.GetValueOrDefault(group)) / elapsed;
        }

        // Sub-groups ("postgres/bench_consumer") are parts of their group, not more CPU.
        var ours = result.Where(r => !r.Key.Contains('/', StringComparison.Ordinal)).Sum(r => r.Value);
        var machineBusy = (to.MachineBusy - from.MachineBusy) / elapsed;
        result["machine"] = machineBusy;
        result["others"] = Math.Max(0, machineBusy - ours);
        return result;
    }

    private static string Classify(int pid, string command) => command switch
    {
        "postgres" => "postgres",
        "redis-server" => "redis",
        // Services run as "dotnet bin/…/CrmPlatform.X.dll": name them after their assembly (analytics, gateway, customers).
        "dotnet" => ServiceName(pid) ?? "other",
        "beam.smp" or "erl_child_setup" or "epmd" or "inet_gethost" or "rabbitmq-server" or "sh" or "cpu_sup" or "memsup" => "rabbitmq",
        _ => "other",
    };

    private static string? ServiceName(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            var assembly = arguments.Select(Path.GetFileName).FirstOrDefault(a => a is not null
                && a.StartsWith("CrmPlatform.", StringComparison.Ordinal) && a.EndsWith(".dll", StringComparison.Ordinal));
            return assembly?["CrmPlatform.".Length..^".dll".Length].ToLowerInvariant();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string PostgresRole(int pid)
    {
        try
        {
            var title = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return title.Contains("bench_producer", StringComparison.Ordinal) ? "bench_producer"
                : title.Contains("bench_consumer", StringComparison.Ordinal) ? "bench_consumer"
                : title.StartsWith("postgres: ", StringComparison.Ordinal) ? "background" : "postmaster";
        }
        catch (IOException)
        {
            return "gone";
        }
    }

    private sealed record ProcessInfo(int Id, int ParentId, string Command, long CpuTicks);

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
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                continue;
            }

            var command = stat[(open + 1)..close];
            var fields = stat[(close + 2)..].Split(' ');
            // After the command: [0]=state [1]=ppid ... [11]=utime [12]=stime (fields 3, 4, 14, 15 of proc(5)).
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            result[pid] = new ProcessInfo(pid, parent, command, ticks);
        }

        return result;
    }

    private static (double Busy, double Total) ReadMachine()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Sum();
        var idle = values[3] + values[4];
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }
}
