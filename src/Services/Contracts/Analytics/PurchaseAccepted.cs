namespace CrmPlatform.Contracts.Analytics;

/// <summary>
/// The analytics service accepted a purchase entered through its API (<c>POST /api/analytics/purchases</c>),
/// so that other services (the customer timeline) learn of it. Purchases the ERP publishes as
/// <c>CrmPlatform.Contracts.Sales.PurchaseRecorded</c> are already on the bus and are not repeated here;
/// nor are bulk history loads. Same fields as <c>PurchaseRecorded</c>; <c>PurchaseId</c> is the seller's key.
/// </summary>
public sealed record PurchaseAccepted
{
    public required string PurchaseId { get; init; }
    public required Guid CustomerId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required decimal Amount { get; init; }
    public required string Currency { get; init; }
    public decimal? DiscountAmount { get; init; }
    public decimal? CostAmount { get; init; }
    public int? ItemCount { get; init; }
    public string? Channel { get; init; }
    public string? PaymentMethod { get; init; }
}
