using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Value;

/// <summary>
/// A customer's purchase aggregates, kept as a projection of the purchase facts: refreshed from the customer's facts in the
/// same transaction as every change of them (<see cref="CustomerValues.RefreshAsync"/>), so a value profile reads one row.
/// The RFM scores and segment are set by the recompute job (<see cref="RfmRecompute"/>), which ranks all customers at once.
/// </summary>
public sealed class CustomerValue
{
    public Guid CustomerId { get; init; }
    public DateTimeOffset FirstPurchaseAt { get; init; }
    public DateTimeOffset LastPurchaseAt { get; init; }
    public int Purchases { get; init; }

    /// <summary>Days with a purchase (UTC): purchases on one day are one transaction, as the models count them.</summary>
    public int PurchaseDays { get; init; }

    public decimal GrossAmount { get; init; }
    public decimal DiscountAmount { get; init; }

    /// <summary>Net of discounts: what the customer paid.</summary>
    public decimal Revenue { get; init; }

    /// <summary>Net revenue of the purchases whose cost is known, and that cost.</summary>
    public decimal CostedRevenue { get; init; }

    public decimal Cost { get; init; }
    public int? RecencyScore { get; init; }
    public int? FrequencyScore { get; init; }
    public int? MonetaryScore { get; init; }
    public string? Segment { get; init; }

    /// <summary>The segment before the last change of segment, for the attention list to see valuable customers slipping.</summary>
    public string? PreviousSegment { get; init; }
    public DateTimeOffset? ScoredAt { get; init; }
}

internal sealed class CustomerValueConfiguration : IEntityTypeConfiguration<CustomerValue>
{
    public void Configure(EntityTypeBuilder<CustomerValue> value)
    {
        value.ToTable("customer_values");
        value.HasKey(v => v.CustomerId);
        value.Property(v => v.CustomerId).ValueGeneratedNever();
        value.Property(v => v.GrossAmount).HasPrecision(21, 4);
        value.Property(v => v.DiscountAmount).HasPrecision(21, 4);
        value.Property(v => v.Revenue).HasPrecision(21, 4);
        value.Property(v => v.CostedRevenue).HasPrecision(21, 4);
        value.Property(v => v.Cost).HasPrecision(21, 4);
        value.Property(v => v.Segment).HasMaxLength(20);
        value.Property(v => v.PreviousSegment).HasMaxLength(20);
        value.HasIndex(v => v.Segment);
    }
}
