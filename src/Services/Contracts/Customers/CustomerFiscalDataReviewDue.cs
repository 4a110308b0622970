namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// A customer's fiscal data has not been verified for the configured period (default 365 days).
/// Raised once; it is raised again only after the data is verified and the period passes again.
/// </summary>
public sealed record CustomerFiscalDataReviewDue
{
    public required Guid CustomerId { get; init; }
    public required string Country { get; init; }
    public required string TaxId { get; init; }

    /// <summary>When the fiscal data was last verified; null when it never was (the period runs from registration).</summary>
    public DateTimeOffset? LastVerifiedAt { get; init; }

    public required DateTimeOffset DueSince { get; init; }
}
