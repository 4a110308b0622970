namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// A customer moved in its lifecycle. Stages: <c>lead</c>, <c>prospect</c>, <c>qualified</c>,
/// <c>customer</c>, <c>inactive</c>, <c>lost</c>.
/// </summary>
public sealed record CustomerStageChanged
{
    public required Guid CustomerId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Reason { get; init; }
    public string? ChangedBy { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
