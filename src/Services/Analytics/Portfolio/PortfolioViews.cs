namespace CrmPlatform.Analytics.Portfolio;

/// <summary>Customers and revenue per RFM segment, in the order of the segments (best first), and those not yet scored.</summary>
public sealed record RfmDistribution(DateTimeOffset? ScoredAt, decimal Revenue, IReadOnlyList<RevenueGroup> Segments, RevenueGroup Unscored);

/// <summary>Customers and net revenue of one group (a segment, a stage), with its share of all revenue.</summary>
public sealed record RevenueGroup(string Key, long Customers, decimal Revenue, decimal RevenueShare);

/// <summary>Revenue grouped by <c>segment</c> or <c>stage</c>.</summary>
public sealed record RevenueBreakdown(string By, decimal Revenue, IReadOnlyList<RevenueGroup> Groups);

/// <summary>ABC (Pareto) classes of one measure, and one page of the customers of the class asked for (or of all).</summary>
public sealed record AbcAnalysis(string Measure, decimal Total, IReadOnlyList<AbcClass> Classes, IReadOnlyList<AbcCustomer> Customers, string? NextCursor);

public sealed record AbcClass(string Class, long Customers, decimal Value, decimal Share);

/// <summary>A customer's value of the measure, the cumulative share of the ranking up to and including them, and their class.</summary>
public sealed record AbcCustomer(Guid CustomerId, decimal Value, decimal CumulativeShare, string Class);

/// <summary>Customers whose costs are known, ranked by gross margin.</summary>
public sealed record ProfitabilityPage(string Order, IReadOnlyList<CustomerProfitability> Items, string? NextCursor);

public sealed record CustomerProfitability(Guid CustomerId, decimal Revenue, decimal CostedRevenue, decimal Cost, decimal Margin, decimal MarginRate);
