using CrmPlatform.Messaging;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Bench;

/// <summary>The event the producer service publishes and the consumer service applies.</summary>
public sealed record BenchEvent(Guid CustomerId, int Amount, DateTimeOffset At);

/// <summary>The producer's state change written with each event (a small row, like a real command's).</summary>
public sealed class CustomerActivity
{
    public long Id { get; private set; }
    public Guid CustomerId { get; init; }
    public int Amount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The consumer's effect of one event, committed with its inbox record.</summary>
public sealed class AppliedActivity
{
    public long Id { get; private set; }
    public Guid CustomerId { get; init; }
    public long Sequence { get; init; }
    public int Amount { get; init; }
}

public sealed class ProducerDbContext(DbContextOptions<ProducerDbContext> options) : DbContext(options)
{
    public const string Schema = "bench_producer";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<CustomerActivity>(e =>
        {
            e.ToTable("customer_activities");
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
        });
    }
}

public sealed class ConsumerDbContext(DbContextOptions<ConsumerDbContext> options) : DbContext(options)
{
    public const string Schema = "bench_consumer";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.AddMessagingTables();
        modelBuilder.Entity<AppliedActivity>(e =>
        {
            e.ToTable("applied_activities");
            e.Property(a => a.Id).UseIdentityAlwaysColumn();
        });
    }
}

/// <summary>Applies an event (one insert, inside the inbox transaction) and stamps the time its commit is seen.</summary>
public sealed class BenchEventHandler(ConsumerDbContext db, Recorder recorder) : IEventHandler<BenchEvent>
{
    public Task HandleAsync(EventContext<BenchEvent> context, CancellationToken cancellationToken)
    {
        recorder.HandlerStarted(context.MessageId);
        db.Add(new AppliedActivity { CustomerId = context.CustomerId, Sequence = context.Sequence, Amount = context.Message.Amount });
        var messageId = context.MessageId;
        context.AfterCommit(() =>
        {
            recorder.OnApplied(messageId);
            return Task.CompletedTask;
        });
        return Task.CompletedTask;
    }
}
