namespace CrmPlatform.Interactions.Commitments;

public sealed class OverdueCommitmentOptions
{
    public const string Section = "Interactions:OverdueCommitments";

    /// <summary>How often to look for commitments that passed their due time: the delay before <c>CommitmentOverdue</c>.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Commitments reported per transaction; a backlog is worked off in batches of this size.</summary>
    public int BatchSize { get; set; } = 500;
}
