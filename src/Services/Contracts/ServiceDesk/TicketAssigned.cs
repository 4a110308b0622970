namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>A ticket was assigned (or moved) to a queue and/or an agent; either may be null (unassigned).</summary>
public sealed record TicketAssigned
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public string? Queue { get; init; }
    public string? AssigneeId { get; init; }
    public string? PreviousQueue { get; init; }
    public string? PreviousAssigneeId { get; init; }
    public string? AssignedBy { get; init; }
    public required DateTimeOffset AssignedAt { get; init; }
}
