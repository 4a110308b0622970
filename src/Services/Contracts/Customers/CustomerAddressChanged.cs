namespace CrmPlatform.Contracts.Customers;

/// <summary>A customer's billing, shipping or other addresses changed (for logistics): the full list after the change.</summary>
public sealed record CustomerAddressChanged
{
    public required Guid CustomerId { get; init; }
    public required IReadOnlyList<PostalAddress> Addresses { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
