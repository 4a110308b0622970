namespace CrmPlatform.Customers.Search;

/// <summary>A customer as a list shows it: who, where, whose, and how far along.</summary>
public sealed record CustomerSummary(
    Guid Id,
    string Kind,
    string LegalName,
    string? TradeName,
    string Country,
    string TaxId,
    string? Email,
    string? Phone,
    string? OwnerId,
    string Stage,
    IReadOnlyList<string> Segments,
    IReadOnlyList<string> Tags,
    bool IsStrategic,
    int? QualificationScore,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// One page of a list. <c>NextCursor</c> is null on the last page; <c>Total</c> is null unless
/// <c>includeTotal=true</c> was asked (counting every match costs a scan of them all).
/// </summary>
public sealed record CustomerPage(IReadOnlyList<CustomerSummary> Items, string? NextCursor, long? Total);
