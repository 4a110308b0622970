namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>
/// A service-desk ticket was opened for a customer. <c>Type</c>: <c>complaint</c>, <c>request</c>,
/// <c>suggestion</c>, <c>question</c>, <c>incident</c>. <c>Priority</c>: <c>low</c>, <c>normal</c>, <c>high</c>,
/// <c>urgent</c>.
/// </summary>
public sealed record TicketOpened
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public Guid? ContactId { get; init; }
    public required string Type { get; init; }
    public required string Channel { get; init; }
    public required string Priority { get; init; }
    public required string Subject { get; init; }
    public string? Queue { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }
}
