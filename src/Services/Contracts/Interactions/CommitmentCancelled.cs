namespace CrmPlatform.Contracts.Interactions;

/// <summary>A promise to a customer was withdrawn, with the reason (agreed with the customer, superseded…).</summary>
public sealed record CommitmentCancelled
{
    public required Guid CommitmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string OwnerId { get; init; }
    public required string Reason { get; init; }
    public required string CancelledBy { get; init; }
    public required DateTimeOffset CancelledAt { get; init; }
}
