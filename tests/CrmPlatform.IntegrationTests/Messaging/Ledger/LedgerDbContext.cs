using CrmPlatform.Messaging;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Messaging.Ledger;

/// <summary>
/// A minimal service of our own for testing the messaging library alone: it publishes ledger entries
/// per customer and applies them to a running count, an effect that a duplicate would visibly double.
/// </summary>
public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options) : DbContext(options)
{
    public const string Schema = "messaging_tests";

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();
    public DbSet<AppliedEntry> Applied => Set<AppliedEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<LedgerEntry>().ToTable("entries").HasKey(e => e.Id);
        modelBuilder.Entity<AppliedEntry>(applied =>
        {
            applied.ToTable("applied");
            applied.HasKey(a => a.Position);
            applied.Property(a => a.Position).UseIdentityAlwaysColumn();
        });
    }
}

/// <summary>The producer's state change that an event reports.</summary>
public sealed class LedgerEntry
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; init; }
}

/// <summary>The consumer's effect: one row per application, in the order applied.</summary>
public sealed class AppliedEntry
{
    public long Position { get; private set; }
    public Guid MessageId { get; init; }
    public Guid CustomerId { get; init; }
    public long Sequence { get; init; }
}

public sealed record LedgerEntryPosted
{
    public required Guid EntryId { get; init; }
    public required Guid CustomerId { get; init; }

    /// <summary>How many times the handler fails before it succeeds; int.MaxValue is a poison event.</summary>
    public int FailTimes { get; init; }
}
