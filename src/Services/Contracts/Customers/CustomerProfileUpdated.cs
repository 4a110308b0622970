namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// Fields of a customer's profile changed. <see cref="ChangedFields"/> names every changed field as
/// on the HTTP API (e.g. <c>legalName</c>, <c>email</c>, <c>customAttributes.erpCode</c>); the other
/// properties are the profile after the change. Address, fiscal, segment, owner and stage changes
/// have their own events as well.
/// </summary>
public sealed record CustomerProfileUpdated
{
    public required Guid CustomerId { get; init; }
    public required IReadOnlyList<string> ChangedFields { get; init; }
    public required string LegalName { get; init; }
    public string? TradeName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Website { get; init; }
    public string? Industry { get; init; }
    public string? Size { get; init; }
    public bool IsStrategic { get; init; }
    public decimal? CreditLimit { get; init; }

    /// <summary>ISO 4217 code of <see cref="CreditLimit"/>.</summary>
    public string? Currency { get; init; }

    public int? PaymentTermsDays { get; init; }

    /// <summary>The customer's version (its ETag) after the change.</summary>
    public required long Version { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}
