using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.ServiceDesk.Satisfaction;

/// <summary>One answer to "how likely are you to recommend us", 0–10.</summary>
public sealed class NpsResponse
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public Guid? ContactId { get; init; }
    public int Score { get; init; }
    public string? Comment { get; init; }
    public DateTimeOffset RespondedAt { get; init; }
    public required string RecordedBy { get; init; }
}

internal sealed class NpsResponseConfiguration : IEntityTypeConfiguration<NpsResponse>
{
    public void Configure(EntityTypeBuilder<NpsResponse> response)
    {
        response.ToTable("nps_responses");
        response.Property(r => r.Id).ValueGeneratedNever();
        response.Property(r => r.Comment).HasMaxLength(2_000);
        response.Property(r => r.RecordedBy).HasMaxLength(100);
        response.HasIndex(r => new { r.CustomerId, r.RespondedAt });
        response.HasIndex(r => r.RespondedAt);
        response.ToTable(t => t.HasCheckConstraint("ck_nps_responses_score", "score BETWEEN 0 AND 10"));
    }
}
