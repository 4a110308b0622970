namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// Duplicate customers were merged into <see cref="SurvivorId"/>: their contacts and addresses moved
/// to it and the merged ids no longer exist on their own. Consumers should re-key what they hold
/// for a merged id to the survivor. Published on the survivor's stream (header <c>crm-customer-id</c>).
/// </summary>
public sealed record CustomerMerged
{
    public required Guid CustomerId { get; init; }
    public required Guid SurvivorId { get; init; }
    public required IReadOnlyList<Guid> MergedIds { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
}
