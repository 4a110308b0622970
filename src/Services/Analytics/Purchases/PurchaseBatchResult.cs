namespace CrmPlatform.Analytics.Purchases;

/// <summary>The answer to a batch: counts, and one result per row in the order sent.</summary>
public sealed record PurchaseBatchResult(int Accepted, int Duplicate, int Rejected, IReadOnlyList<PurchaseRowResult> Results);

/// <summary>
/// What became of one row: <c>accepted</c> (stored now), <c>duplicate</c> (its purchase id was already stored, or sent
/// earlier in the same batch: the first report stands) or <c>rejected</c> with the reasons per field.
/// </summary>
public sealed record PurchaseRowResult(int Index, string? PurchaseId, string Status, IReadOnlyDictionary<string, string[]>? Errors)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}

/// <summary>The answer to a history load: counts, and the first rejected lines with their reasons.</summary>
public sealed record PurchaseHistoryResult(long Accepted, long Duplicate, long Rejected, IReadOnlyList<PurchaseLineRejection> FirstRejections);

/// <summary>A rejected line of a history load (1-based, the header is line 1).</summary>
public sealed record PurchaseLineRejection(long Line, string? PurchaseId, IReadOnlyDictionary<string, string[]> Errors);
