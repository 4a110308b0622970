namespace CrmPlatform.Contracts.Sales;

/// <summary>
/// A purchase a customer made, as the ERP (or the CRM's analytics service, for purchases entered
/// through its API) records it. <c>PurchaseId</c> is the seller's own key and makes the fact
/// idempotent: the same purchase reported twice counts once. Amounts are in <c>Currency</c> (ISO 4217);
/// <c>DiscountAmount</c> and <c>CostAmount</c> are in the same currency when known.
/// </summary>
public sealed record PurchaseRecorded
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
