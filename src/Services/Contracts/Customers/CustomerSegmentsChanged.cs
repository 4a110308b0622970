namespace CrmPlatform.Contracts.Customers;

/// <summary>A customer's segments or tags changed: both lists after the change.</summary>
public sealed record CustomerSegmentsChanged
{
    public required Guid CustomerId { get; init; }
    public required IReadOnlyList<string> Segments { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
