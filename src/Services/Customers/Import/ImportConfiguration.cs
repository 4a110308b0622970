using CrmPlatform.Customers.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmPlatform.Customers.Import;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.ToTable("import_jobs");
        job.HasKey(j => j.Id);
        job.Property(j => j.Id).ValueGeneratedNever();
        job.Property(j => j.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<ImportJobStatus>(s, true)).HasMaxLength(16);
        job.Property(j => j.FileName).HasMaxLength(CustomerLimits.ShortText);
        job.Property(j => j.CreatedBy).HasMaxLength(CustomerLimits.ShortText);
        job.Property(j => j.Error).HasMaxLength(2_000);
        job.Ignore(j => j.Progress);

        // The worker looks for interrupted and waiting jobs at startup.
        job.HasIndex(j => j.Status);
    }
}

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> rejection)
    {
        rejection.ToTable("import_rejections");
        rejection.HasKey(r => r.Id);
        rejection.Property(r => r.Id).UseIdentityAlwaysColumn();
        rejection.Property(r => r.Field).HasMaxLength(CustomerLimits.ShortText);
        rejection.Property(r => r.Reason).HasMaxLength(1_000);
        rejection.HasOne<ImportJob>().WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);

        // Keyset pages by line.
        rejection.HasIndex(r => new { r.JobId, r.Line, r.Id });
    }
}
