namespace CrmPlatform.Contracts.Customers;

/// <summary>A contact was removed from a customer account.</summary>
public sealed record ContactRemoved
{
    public required Guid CustomerId { get; init; }
    public required Guid ContactId { get; init; }
    public required DateTimeOffset RemovedAt { get; init; }
}
