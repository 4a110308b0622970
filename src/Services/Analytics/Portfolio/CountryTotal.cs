using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Portfolio;

/// <summary>
/// Customers per country, counted as registrations arrive rather than by scanning all customers on
/// every read. An increment is not idempotent, so it relies on the inbox applying each event once.
/// </summary>
public sealed class CountryTotal
{
    public required string Country { get; init; }
    public long Customers { get; init; }
}

internal sealed class CountryTotalConfiguration : IEntityTypeConfiguration<CountryTotal>
{
    public void Configure(EntityTypeBuilder<CountryTotal> total)
    {
        total.ToTable("country_totals");
        total.HasKey(t => t.Country);
        total.Property(t => t.Country).HasMaxLength(2).IsFixedLength();
    }
}
