namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>
/// A ticket has used the warning share (e.g. 80%) of a promised time. <c>Target</c>:
/// <c>first_response</c> or <c>resolution</c>. Published once per ticket and target.
/// </summary>
public sealed record TicketSlaWarning
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Target { get; init; }
    public required string Priority { get; init; }
    public required DateTimeOffset DueAt { get; init; }
    public required DateTimeOffset WarnedAt { get; init; }
}
