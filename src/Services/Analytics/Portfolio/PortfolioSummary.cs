namespace CrmPlatform.Analytics.Portfolio;

/// <summary>The headline numbers of the portfolio; grows as purchase and service events arrive.</summary>
public sealed record PortfolioSummary(int CustomerCount, DateTimeOffset ComputedAt);
