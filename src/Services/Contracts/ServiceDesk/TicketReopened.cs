namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>A resolved ticket was reopened within the desk's reopen window.</summary>
public sealed record TicketReopened
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public string? Reason { get; init; }
    public string? ReopenedBy { get; init; }
    public required DateTimeOffset ReopenedAt { get; init; }
}
