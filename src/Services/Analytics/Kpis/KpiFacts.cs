using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Analytics.Kpis;

/// <summary>An NPS answer (<c>NpsResponded</c>), once per response id.</summary>
public sealed class NpsResponse
{
    public Guid ResponseId { get; init; }
    public Guid CustomerId { get; init; }
    public int Score { get; init; }
    public DateTimeOffset RespondedAt { get; init; }
}

/// <summary>A CSAT rating of a resolved ticket (<c>SatisfactionRated</c>), once per ticket.</summary>
public sealed class SatisfactionRating
{
    public Guid TicketId { get; init; }
    public Guid CustomerId { get; init; }
    public int Rating { get; init; }
    public DateTimeOffset RatedAt { get; init; }
}

/// <summary>What was spent on acquiring customers in a month (<c>2026-11</c>) or a quarter (<c>2026-Q4</c>).</summary>
public sealed class AcquisitionSpend
{
    public required string Period { get; init; }
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class KpiFactsConfiguration :
    IEntityTypeConfiguration<NpsResponse>, IEntityTypeConfiguration<SatisfactionRating>, IEntityTypeConfiguration<AcquisitionSpend>
{
    public void Configure(EntityTypeBuilder<NpsResponse> response)
    {
        response.ToTable("nps_responses");
        response.HasKey(r => r.ResponseId);
        response.HasIndex(r => r.RespondedAt);
    }

    public void Configure(EntityTypeBuilder<SatisfactionRating> rating)
    {
        rating.ToTable("satisfaction_ratings");
        rating.HasKey(r => r.TicketId);
        rating.HasIndex(r => r.RatedAt);
    }

    public void Configure(EntityTypeBuilder<AcquisitionSpend> spend)
    {
        spend.ToTable("acquisition_spend");
        spend.HasKey(s => s.Period);
        spend.Property(s => s.Period).HasMaxLength(7);
        spend.Property(s => s.Amount).HasPrecision(19, 4);
        spend.Property(s => s.Currency).HasMaxLength(3).IsFixedLength();
    }
}
