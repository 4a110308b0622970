namespace CrmPlatform.Contracts.Customers;

/// <summary>A contact changed; <see cref="ChangedFields"/> names what changed, <see cref="Contact"/> is the contact after it.</summary>
public sealed record ContactUpdated
{
    public required Guid CustomerId { get; init; }
    public required ContactData Contact { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
