namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>
/// A ticket moved in its workflow. Statuses: <c>new</c>, <c>open</c>, <c>pending</c> (waiting on the
/// customer: the SLA clock is paused), <c>resolved</c>, <c>closed</c>.
/// </summary>
public sealed record TicketStatusChanged
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public string? ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
