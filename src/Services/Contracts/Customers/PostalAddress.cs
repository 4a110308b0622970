namespace CrmPlatform.Contracts.Customers;

/// <summary>A postal address as events carry it. <c>Kind</c>: <c>billing</c>, <c>shipping</c>, <c>fiscal</c> or <c>other</c>.</summary>
public sealed record PostalAddress
{
    public required string Kind { get; init; }
    public required string Line1 { get; init; }
    public string? Line2 { get; init; }
    public required string City { get; init; }
    public string? Region { get; init; }
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; init; }
}
