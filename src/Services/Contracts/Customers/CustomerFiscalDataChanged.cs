namespace CrmPlatform.Contracts.Customers;

/// <summary>A customer's fiscal identity or fiscal data changed (for accounting): the fiscal record after the change.</summary>
public sealed record CustomerFiscalDataChanged
{
    public required Guid CustomerId { get; init; }

    /// <summary>e.g. <c>taxId</c>, <c>fiscal.stateRegistration</c>, <c>fiscal.address</c>, <c>fiscal.verifiedAt</c>.</summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }

    public required string Country { get; init; }
    public required string TaxId { get; init; }
    public string? StateRegistration { get; init; }
    public string? MunicipalRegistration { get; init; }
    public string? TaxRegime { get; init; }
    public PostalAddress? FiscalAddress { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
