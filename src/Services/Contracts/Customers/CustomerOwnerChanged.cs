namespace CrmPlatform.Contracts.Customers;

/// <summary>The responsible seller changed; either side may be null (no owner).</summary>
public sealed record CustomerOwnerChanged
{
    public required Guid CustomerId { get; init; }
    public string? PreviousOwnerId { get; init; }
    public string? OwnerId { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
