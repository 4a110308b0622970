namespace CrmPlatform.Customers.Duplicates;

/// <summary>Why a customer may be the same as another.</summary>
/// <param name="Code"><c>similar-name</c>, <c>same-email</c> or <c>same-phone</c>.</param>
/// <param name="Score">For <c>similar-name</c>: pg_trgm similarity (0–1) of the closest pair of folded legal/trade names.</param>
/// <param name="Value">For <c>same-email</c> / <c>same-phone</c>: the e-mail or phone they share (the account's or a contact's).</param>
public sealed record DuplicateReason(string Code, double? Score = null, string? Value = null)
{
    public const string SimilarName = "similar-name";
    public const string SameEmail = "same-email";
    public const string SamePhone = "same-phone";
}

/// <summary>Another customer that may be the same account, with every reason found.</summary>
public sealed record PossibleDuplicate(
    Guid Id,
    string Kind,
    string LegalName,
    string? TradeName,
    string Country,
    string TaxId,
    string Stage,
    IReadOnlyList<DuplicateReason> Reasons);

/// <summary>The answer of <c>GET /api/customers/{id}/possible-duplicates</c>, best candidates first.</summary>
public sealed record PossibleDuplicates(Guid CustomerId, IReadOnlyList<PossibleDuplicate> Items);
