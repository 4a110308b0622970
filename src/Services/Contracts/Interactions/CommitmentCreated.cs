namespace CrmPlatform.Contracts.Interactions;

/// <summary>
/// A promise was made to a customer: <c>Description</c> says what, <c>OwnerId</c> who keeps it, by
/// <c>DueAt</c>. It may come from an interaction or a service-desk ticket.
/// </summary>
public sealed record CommitmentCreated
{
    public required Guid CommitmentId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Description { get; init; }
    public required string OwnerId { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public Guid? InteractionId { get; init; }
    public Guid? TicketId { get; init; }
    public required string CreatedBy { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
