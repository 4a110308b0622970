namespace CrmPlatform.Contracts.Interactions;

/// <summary>A promise to a customer was kept; <c>OnTime</c> is false when it was completed after <c>DueAt</c>.</summary>
public sealed record CommitmentCompleted
{
    public required Guid CommitmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string OwnerId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required bool OnTime { get; init; }
    public string? Note { get; init; }
    public required string CompletedBy { get; init; }
    public required DateTimeOffset CompletedAt { get; init; }
}
