namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// A customer (account) was registered in the portfolio. The namespace and type name are the wire
/// identity (<c>urn:message:CrmPlatform.Contracts.Customers:CustomerRegistered</c>): change this record
/// only by adding optional properties; a breaking change is a new type.
/// </summary>
public sealed record CustomerRegistered
{
    public required Guid CustomerId { get; init; }

    /// <summary><c>company</c> or <c>person</c>.</summary>
    public required string Kind { get; init; }

    public required string LegalName { get; init; }

    public string? TradeName { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; init; }

    /// <summary>The tax id in canonical form: upper case, punctuation stripped.</summary>
    public required string TaxId { get; init; }

    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Lifecycle stage at registration (<c>lead</c> unless given). Added in the portfolio release.</summary>
    public string? Stage { get; init; }

    /// <summary>The responsible seller, when one was given.</summary>
    public string? OwnerId { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public IReadOnlyList<string>? Segments { get; init; }

    /// <summary>A strategic account (gets the strategic SLA and attention); absent from older publishers means false.</summary>
    public bool IsStrategic { get; init; }
}
