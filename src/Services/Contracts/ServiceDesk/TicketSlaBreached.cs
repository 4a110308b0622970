namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>
/// A ticket missed a promised time. <c>Target</c>: <c>first_response</c> or <c>resolution</c>.
/// Published once per ticket and target.
/// </summary>
public sealed record TicketSlaBreached
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Target { get; init; }
    public required string Priority { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset BreachedAt { get; init; }
}
