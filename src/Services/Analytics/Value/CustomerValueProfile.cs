namespace CrmPlatform.Analytics.Value;

/// <summary>What a customer is worth, as <c>GET /api/analytics/customers/{id}</c> answers it. Amounts are net of discounts.</summary>
public sealed record CustomerValueProfile(
    Guid CustomerId,
    DateTimeOffset AcquiredAt,
    int TenureDays,
    int Purchases,
    int PurchaseDays,
    DateTimeOffset? FirstPurchaseAt,
    DateTimeOffset? LastPurchaseAt,
    int? RecencyDays,
    decimal Revenue,
    decimal GrossAmount,
    decimal DiscountAmount,
    decimal? AverageTicket,
    double PurchasesPerMonth,
    IReadOnlyList<string> Currencies,
    GrossMargin? GrossMargin,
    DiscountDependency DiscountDependency,
    RfmScores? Rfm,
    LifetimeValue? Lifetime,
    string? LifetimeUnavailable,
    HealthScore Health);

/// <summary>Margin over the purchases whose cost is known (<c>costedRevenue</c> of the revenue).</summary>
public sealed record GrossMargin(decimal Amount, decimal Rate, decimal CostedRevenue);

/// <summary>The share of revenue bought at a discount of at least <c>threshold</c> of the amount.</summary>
public sealed record DiscountDependency(decimal Threshold, decimal Share, decimal DiscountedRevenue);

/// <summary>Quintile scores 1–5 and the segment, as of the last recompute (<c>scoredAt</c>).</summary>
public sealed record RfmScores(int Recency, int Frequency, int Monetary, string Segment, DateTimeOffset ScoredAt);

/// <summary>Historic and predicted value, from the model fitted on all purchases up to today (weeks).</summary>
public sealed record LifetimeValue(
    decimal HistoricValue,
    double ProbabilityAlive,
    double ExpectedPurchases90Days,
    double PredictedValue,
    int HorizonDays,
    double DiscountRate);
