namespace CrmPlatform.Analytics.Portfolio;

/// <summary>Headline numbers of the portfolio: customers in all and per country (ISO 3166-1 alpha-2).</summary>
public sealed record PortfolioSummary(long CustomerCount, IReadOnlyList<CountryCount> ByCountry, DateTimeOffset ComputedAt);

public sealed record CountryCount(string Country, long Customers);
