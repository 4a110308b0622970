namespace CrmPlatform.Contracts.ServiceDesk;

/// <summary>The customer rated a resolved ticket (CSAT): <c>Rating</c> 1–5, once per ticket.</summary>
public sealed record SatisfactionRated
{
    public required Guid TicketId { get; init; }
    public required Guid CustomerId { get; init; }
    public required int Rating { get; init; }
    public string? Comment { get; init; }
    public required DateTimeOffset RatedAt { get; init; }
}
