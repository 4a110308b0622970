using CrmPlatform.Messaging.Inbox;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Messaging;

/// <summary>The outbox and inbox tables, in the service's own schema, next to the data they guard.</summary>
public static class MessagingModel
{
    public const string OutboxTable = "outbox_messages";
    public const string OutboxStreamTable = "outbox_streams";
    public const string InboxTable = "inbox_messages";
    public const string DeferredTable = "deferred_messages";
    public const string InboxStreamTable = "inbox_streams";

    /// <summary>Call from <c>OnModelCreating</c>; then add <see cref="CreateSequenceTriggerSql"/> to the migration.</summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Position);
            outbox.Property(m => m.Position).UseIdentityAlwaysColumn();
            outbox.HasIndex(m => m.MessageId).IsUnique();
            outbox.Property(m => m.MessageType).HasMaxLength(300);
            outbox.Property(m => m.Body).HasColumnType("jsonb");
            outbox.Property(m => m.CorrelationId).HasMaxLength(128);
            outbox.Property(m => m.TraceParent).HasMaxLength(128);
            // Set by the trigger; EF sends no value and reads the assigned one back.
            outbox.Property(m => m.Sequence).HasDefaultValue(0L).ValueGeneratedOnAdd();
            outbox.HasIndex(m => new { m.CustomerId, m.Sequence }).IsUnique();
            outbox.HasIndex(m => m.Position).HasDatabaseName("ix_outbox_messages_unsent").HasFilter("sent_at IS NULL");

            // The dispatcher's "is this the customer's oldest unsent event" and "its next ones" read only
            // unsent rows; without this they walk the customer's whole sent history (seconds per round).
            outbox.HasIndex(m => new { m.CustomerId, m.Sequence }, "ix_outbox_messages_unsent_by_customer")
                .HasDatabaseName("ix_outbox_messages_unsent_by_customer").HasFilter("sent_at IS NULL");
            outbox.HasIndex(m => m.SentAt).HasFilter("sent_at IS NOT NULL");
        });

        model.Entity<OutboxStream>(stream =>
        {
            stream.ToTable(OutboxStreamTable);
            stream.HasKey(s => s.CustomerId);
        });

        model.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.Consumer, m.MessageId });
            inbox.Property(m => m.Consumer).HasMaxLength(200);
            inbox.Property(m => m.Position).UseIdentityAlwaysColumn();
            inbox.HasIndex(m => m.AppliedAt);
        });

        model.Entity<DeferredMessage>(deferred =>
        {
            deferred.ToTable(DeferredTable);
            deferred.HasKey(m => m.Position);
            deferred.Property(m => m.Position).UseIdentityAlwaysColumn();
            deferred.Property(m => m.Consumer).HasMaxLength(200);
            deferred.Property(m => m.MessageType).HasMaxLength(300);
            deferred.Property(m => m.Body).HasColumnType("jsonb");
            deferred.Property(m => m.CorrelationId).HasMaxLength(128);
            deferred.HasIndex(m => new { m.Consumer, m.MessageId }).IsUnique();
            deferred.HasIndex(m => new { m.Consumer, m.CustomerId, m.Sequence });
        });

        model.Entity<InboxStream>(stream =>
        {
            stream.ToTable(InboxStreamTable);
            stream.HasKey(s => new { s.Consumer, s.CustomerId });
            stream.Property(s => s.Consumer).HasMaxLength(200);
        });

        return model;
    }

    /// <summary>
    /// The trigger that numbers each customer's events. Taking the stream row with an upsert locks it
    /// until the transaction ends, so a second transaction about the same customer waits and gets the
    /// next number only after the first committed (or rolled back, giving its number back).
    /// </summary>
    public static string CreateSequenceTriggerSql(string schema) => $"""
        CREATE FUNCTION "{schema}".outbox_assign_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO "{schema}".{OutboxStreamTable} AS s (customer_id, last_sequence) VALUES (NEW.customer_id, 1)
            ON CONFLICT (customer_id) DO UPDATE SET last_sequence = s.last_sequence + 1
            RETURNING s.last_sequence INTO NEW.sequence;
            RETURN NEW;
        END
        $$;
        CREATE TRIGGER outbox_assign_sequence BEFORE INSERT ON "{schema}".{OutboxTable}
            FOR EACH ROW EXECUTE FUNCTION "{schema}".outbox_assign_sequence();
        """;

    public static string DropSequenceTriggerSql(string schema) => $"""
        DROP TRIGGER IF EXISTS outbox_assign_sequence ON "{schema}".{OutboxTable};
        DROP FUNCTION IF EXISTS "{schema}".outbox_assign_sequence();
        """;
}
