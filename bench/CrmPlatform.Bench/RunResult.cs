using System.Globalization;
using System.Text;

namespace CrmPlatform.Bench;

/// <summary>The figures of one run's measurement window (warm-up and drain excluded).</summary>
public sealed record RunResult
{
    public required string Scenario { get; init; }
    public string Label { get; init; } = "";
    public int Run { get; init; }
    public double OfferedRate { get; init; }
    public int Writers { get; init; }
    public int Batch { get; init; }
    public double DurationSeconds { get; init; }
    public string ServiceArgs { get; init; } = "";

    /// <summary>Producer transactions' events committed per second in the window.</summary>
    public double ProducerRate { get; init; }

    /// <summary>Events applied (consumer commit) per second in the window.</summary>
    public double ConsumerRate { get; init; }

    public long WriteErrors { get; init; }
    public long PublishFailures { get; init; }
    public Distribution Latency { get; init; } = Distribution.Empty;
    public int MissingAfterDrain { get; init; }

    /// <summary>How late writes started against the open-loop schedule (the writers kept pace if this stays small).</summary>
    public Distribution WriterLatenessMs { get; init; } = Distribution.Empty;

    /// <summary>Committed minus applied events: in the outbox, the broker, or being applied.</summary>
    public long BacklogStart { get; init; }
    public long BacklogEnd { get; init; }
    public long BacklogMax { get; init; }

    /// <summary>Least-squares growth of the backlog over the window, events per second.</summary>
    public double BacklogSlope { get; init; }

    public long UnsentMax { get; init; }
    public long UnsentEnd { get; init; }
    public long QueueReadyMax { get; init; }
    public long QueueReadyEnd { get; init; }
    public long ErrorQueue { get; init; }

    /// <summary>Kept pace (open loop), backlog growth ≤ max(2, 1 % of the rate) events/s, and everything drained.</summary>
    public bool Sustained { get; init; }

    public double DispatchRoundsPerSecond { get; init; }
    public double DispatchRoundMeanSize { get; init; }
    public double DispatchRoundMaxSize { get; init; }
    public double DrainSeconds { get; init; }

    /// <summary>Committed but not yet applied when the writers stopped; drained alone, it shows the consumer's rate without producer load.</summary>
    public long BacklogAtDrain { get; init; }

    public double DrainRate => DrainSeconds > 0 && BacklogAtDrain > 100 ? BacklogAtDrain / DrainSeconds : 0;
    public bool Drained { get; init; }
    /// <summary>Other processes (not this bench or its servers) used over 0.15 core during the window.</summary>
    public bool Disturbed { get; init; }

    public IReadOnlyDictionary<string, double> Cores { get; init; } = new Dictionary<string, double>();
    /// <summary>Cores used while the consumer drained the backlog alone (no writes, nothing left to dispatch once the outbox is empty).</summary>
    public IReadOnlyDictionary<string, double> DrainCores { get; init; } = new Dictionary<string, double>();

    /// <summary>PostgreSQL's statistics of the messaging tables and the claim query's plan at the window's end.</summary>
    public IReadOnlyList<string> DatabaseStats { get; init; } = [];

    public IReadOnlyDictionary<string, Distribution> Stages { get; init; } = new Dictionary<string, Distribution>();

    public string Describe()
    {
        var text = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        text.AppendLine(ci, $"--- {Scenario} run {Run} {Label} (rate {(OfferedRate > 0 ? OfferedRate.ToString(ci) + "/s open loop" : "closed loop")}, writers {Writers}, batch {Batch}, {DurationSeconds} s) {ServiceArgs}");
        text.AppendLine(ci, $"producer commits {ProducerRate:F1} events/s, consumer applies {ConsumerRate:F1} events/s, write errors {WriteErrors}, publish failures {PublishFailures}");
        if (Latency.Count > 0 || MissingAfterDrain > 0)
        {
            text.AppendLine(ci, $"commit-to-consume latency: {Latency}; missing after drain {MissingAfterDrain}");
        }

        if (OfferedRate > 0)
        {
            text.AppendLine(ci, $"writer lateness vs schedule: p50={WriterLatenessMs.P50:F2} p99={WriterLatenessMs.P99:F2} max={WriterLatenessMs.Max:F2} ms");
        }

        text.AppendLine(ci, $"backlog (committed - applied): start {BacklogStart}, end {BacklogEnd}, max {BacklogMax}, slope {BacklogSlope:F2} events/s; unsent outbox max {UnsentMax} end {UnsentEnd}; queue ready max {QueueReadyMax} end {QueueReadyEnd}; error queue {ErrorQueue}");
        text.AppendLine(ci, $"sustained: {(Sustained ? "yes" : "NO")}; drained {BacklogAtDrain} events in {DrainSeconds:F1} s ({(Drained ? "complete" : "INCOMPLETE")}){(DrainRate > 0 ? $", consumer alone {DrainRate:F0} events/s" : "")}");
        text.AppendLine(ci, $"dispatch rounds {DispatchRoundsPerSecond:F1}/s, mean {DispatchRoundMeanSize:F1} events per round (max {DispatchRoundMaxSize})");
        text.AppendLine(ci, $"cores used: {string.Join(", ", Cores.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:F2}"))}");
        if (DrainRate > 0)
        {
            var ours = DrainCores.Where(c => c.Key is "bench" or "postgres" or "rabbitmq").Sum(c => c.Value);
            text.AppendLine(ci, $"cores while draining: {string.Join(", ", DrainCores.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:F2}"))}; consumer CPU per event {ours * 1000 / DrainRate:F2} ms (bench {DrainCores.GetValueOrDefault("bench") * 1000 / DrainRate:F2}, postgres {DrainCores.GetValueOrDefault("postgres") * 1000 / DrainRate:F2}, rabbitmq {DrainCores.GetValueOrDefault("rabbitmq") * 1000 / DrainRate:F2})");
        }

        foreach (var line in DatabaseStats)
        {
            text.AppendLine(ci, $"  {line}");
        }

        foreach (var (stage, figures) in Stages.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.AppendLine(ci, $"  {stage}: {figures}");
        }

        return text.ToString();
    }
}
