using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// One purchase of a customer, however it arrived (the API, the ERP's events, a history load). The seller's
/// <see cref="PurchaseId"/> is unique: the same purchase reported again is a duplicate and the first report stands.
/// </summary>
/// <remarks>
/// <see cref="Amount"/> is the value at list prices and <see cref="DiscountAmount"/> the part of it waived, so what the
/// customer paid (the revenue every view counts) is <see cref="NetAmount"/>. <see cref="Id"/> is our own key, for paging.
/// </remarks>
public sealed class PurchaseFact
{
    public Guid Id { get; init; }
    public required string PurchaseId { get; init; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset OccurredAt { get; init; }
    public decimal Amount { get; init; }
    public required string Currency { get; init; }
    public decimal? DiscountAmount { get; init; }
    public decimal? CostAmount { get; init; }
    public int? ItemCount { get; init; }
    public string? Channel { get; init; }
    public string? PaymentMethod { get; init; }
    public PurchaseSource Source { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public decimal NetAmount => Amount - (DiscountAmount ?? 0);
}

/// <summary>How a purchase reached analytics.</summary>
public enum PurchaseSource
{
    /// <summary><c>POST /api/analytics/purchases</c>.</summary>
    Api,

    /// <summary>A <c>PurchaseRecorded</c> event of the ERP.</summary>
    Erp,

    /// <summary>A CSV history load.</summary>
    History,
}

internal sealed class PurchaseFactConfiguration : IEntityTypeConfiguration<PurchaseFact>
{
    public void Configure(EntityTypeBuilder<PurchaseFact> purchase)
    {
        purchase.ToTable("purchases");
        purchase.Property(p => p.Id).ValueGeneratedNever();
        purchase.Property(p => p.PurchaseId).HasMaxLength(PurchaseLimits.PurchaseId);
        purchase.HasIndex(p => p.PurchaseId).IsUnique();
        purchase.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
        purchase.Property(p => p.Amount).HasPrecision(19, 4);
        purchase.Property(p => p.DiscountAmount).HasPrecision(19, 4);
        purchase.Property(p => p.CostAmount).HasPrecision(19, 4);
        purchase.Property(p => p.Channel).HasMaxLength(PurchaseLimits.Label);
        purchase.Property(p => p.PaymentMethod).HasMaxLength(PurchaseLimits.Label);
        purchase.Property(p => p.Source).HasConversion<string>().HasMaxLength(10);
        purchase.Ignore(p => p.NetAmount);

        // A customer's purchases newest first, and the keyset of that list.
        purchase.HasIndex(p => new { p.CustomerId, p.OccurredAt, p.Id }).IsDescending(false, true, true);
    }
}
