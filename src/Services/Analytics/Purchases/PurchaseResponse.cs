namespace CrmPlatform.Analytics.Purchases;

/// <summary>A stored purchase, as <c>GET /api/analytics/customers/{id}/purchases</c> lists it.</summary>
public sealed record PurchaseResponse(
    string PurchaseId,
    Guid CustomerId,
    DateTimeOffset OccurredAt,
    decimal Amount,
    decimal? DiscountAmount,
    decimal NetAmount,
    decimal? CostAmount,
    string Currency,
    int? ItemCount,
    string? Channel,
    string? PaymentMethod,
    string Source,
    DateTimeOffset RecordedAt)
{
    public static PurchaseResponse From(PurchaseFact p) => new(
        p.PurchaseId, p.CustomerId, p.OccurredAt, p.Amount, p.DiscountAmount, p.NetAmount, p.CostAmount, p.Currency, p.ItemCount,
        p.Channel, p.PaymentMethod, p.Source.ToString().ToLowerInvariant(), p.RecordedAt);
}

/// <summary>A page of purchases; <c>nextCursor</c> is null on the last page.</summary>
public sealed record PurchasePage(IReadOnlyList<PurchaseResponse> Items, string? NextCursor);
