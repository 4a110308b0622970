namespace CrmPlatform.Contracts.Interactions;

/// <summary>
/// A promise to a customer passed its due time without being completed or cancelled. Published once
/// per commitment (a later due date, if the commitment is moved, does not raise it again).
/// </summary>
public sealed record CommitmentOverdue
{
    public required Guid CommitmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Description { get; init; }
    public required string OwnerId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }
}
