namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>A service-desk ticket was resolved (it may still be reopened within the desk's window).</summary>
public sealed record TicketResolved
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Subject { get; init; }
    public string? Resolution { get; init; }
    public string? ResolvedBy { get; init; }
    public required DateTimeOffset ResolvedAt { get; init; }
}
