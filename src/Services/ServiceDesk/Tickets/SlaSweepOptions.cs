namespace CrmPlatform.ServiceDesk.Tickets;

public sealed class SlaSweepOptions
{
    public const string Section = "ServiceDesk:SlaSweep";

    /// <summary>How often to look for warnings and breaches due: their delay at most.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Tickets handled per transaction; a backlog is worked off in batches of this size.</summary>
    public int BatchSize { get; set; } = 500;
}
