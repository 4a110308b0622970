using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>
/// Keeps the relationship projection (<see cref="RelationshipFact"/>, contacts, overdue commitments, SLA breaches) from the
/// events of the customer, interaction and service-desk services, set-based in the inbox transaction. Every statement is
/// idempotent (<c>greatest</c>, <c>ON CONFLICT</c>, deletes by key), and an event about a merged id lands on the survivor.
/// </summary>
public sealed class RelationshipHandlers(AnalyticsDbContext db, AttentionCache cache) :
    IEventHandler<InteractionLogged>,
    IEventHandler<CommitmentOverdue>, IEventHandler<CommitmentCompleted>, IEventHandler<CommitmentCancelled>,
    IEventHandler<ContactAdded>, IEventHandler<ContactUpdated>, IEventHandler<ContactRemoved>,
    IEventHandler<CustomerProfileUpdated>, IEventHandler<TicketSlaBreached>
{
    /// <summary>The contact role whose reach the attention list asks for.</summary>
    public const string DecisionMaker = "decision_maker";

    /// <summary>The interaction type that records something about the customer without contacting them.</summary>
    public const string Note = "note";

    public async Task HandleAsync(EventContext<InteractionLogged> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        if (string.Equals(m.Type, Note, StringComparison.Ordinal))
        {
            return;
        }

        context.AfterCommit(cache.ChangedAsync);
        var contacts = m.ContactIds.Distinct().ToArray();
        if (contacts.Length > 0)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO analytics.contacts AS c (contact_id, customer_id, role, last_reached_at)
                SELECT id, coalesce((SELECT merged_into FROM analytics.customers WHERE id = {m.CustomerId}), {m.CustomerId}), NULL, {m.OccurredAt}
                FROM unnest({contacts}) AS id
                ON CONFLICT (contact_id) DO UPDATE SET last_reached_at = greatest(c.last_reached_at, excluded.last_reached_at)
                """, cancellationToken);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.relationships AS r (customer_id, is_strategic, profile_version, last_contact_at, last_decision_maker_contact_at)
            SELECT coalesce((SELECT merged_into FROM analytics.customers WHERE id = {m.CustomerId}), {m.CustomerId}), false, 0, {m.OccurredAt},
                   CASE WHEN EXISTS (SELECT 1 FROM analytics.contacts WHERE contact_id = ANY({contacts}) AND role = {DecisionMaker}) THEN {m.OccurredAt} END
            ON CONFLICT (customer_id) DO UPDATE SET
                last_contact_at = greatest(r.last_contact_at, excluded.last_contact_at),
                last_decision_maker_contact_at = greatest(r.last_decision_maker_contact_at, excluded.last_decision_maker_contact_at)
            """, cancellationToken);
    }

    public Task HandleAsync(EventContext<CommitmentOverdue> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        context.AfterCommit(cache.ChangedAsync);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.overdue_commitments (commitment_id, customer_id, due_at)
            VALUES ({m.CommitmentId}, coalesce((SELECT merged_into FROM analytics.customers WHERE id = {m.CustomerId}), {m.CustomerId}), {m.DueAt})
            ON CONFLICT (commitment_id) DO NOTHING
            """, cancellationToken);
    }

    public async Task HandleAsync(EventContext<CommitmentCompleted> context, CancellationToken cancellationToken)
    {
        context.AfterCommit(cache.ChangedAsync);
        await Settled(context.Message.CommitmentId, cancellationToken);
    }

    public async Task HandleAsync(EventContext<CommitmentCancelled> context, CancellationToken cancellationToken)
    {
        context.AfterCommit(cache.ChangedAsync);
        await Settled(context.Message.CommitmentId, cancellationToken);
    }

    public Task HandleAsync(EventContext<ContactAdded> context, CancellationToken cancellationToken)
    {
        context.AfterCommit(cache.ChangedAsync);
        return ContactRoleAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);
    }

    public Task HandleAsync(EventContext<ContactUpdated> context, CancellationToken cancellationToken)
    {
        context.AfterCommit(cache.ChangedAsync);
        return ContactRoleAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);
    }

    /// <summary>A removed contact is no longer anyone's decision maker; a reach already counted stays counted (it happened).</summary>
    public Task HandleAsync(EventContext<ContactRemoved> context, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE analytics.contacts SET role = NULL WHERE contact_id = {context.Message.ContactId}", cancellationToken);

    public Task HandleAsync(EventContext<CustomerProfileUpdated> context, CancellationToken cancellationToken)
    {
        context.AfterCommit(cache.ChangedAsync);
        return StrategicAsync(db, context.Message.CustomerId, context.Message.IsStrategic, context.Message.Version, cancellationToken);
    }

    public Task HandleAsync(EventContext<TicketSlaBreached> context, CancellationToken cancellationToken)
    {
        var m = context.Message;
        context.AfterCommit(cache.ChangedAsync);
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.sla_breaches (ticket_id, target, customer_id, breached_at)
            VALUES ({m.TicketId}, {m.Target}, coalesce((SELECT merged_into FROM analytics.customers WHERE id = {m.CustomerId}), {m.CustomerId}), {m.BreachedAt})
            ON CONFLICT (ticket_id, target) DO NOTHING
            """, cancellationToken);
    }

    /// <summary>Sets the strategic flag unless a newer profile version already did (registration is version 0).</summary>
    public static Task StrategicAsync(AnalyticsDbContext db, Guid customerId, bool isStrategic, long version, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.relationships AS r (customer_id, is_strategic, profile_version)
            VALUES ({customerId}, {isStrategic}, {version})
            ON CONFLICT (customer_id) DO UPDATE SET is_strategic = excluded.is_strategic, profile_version = excluded.profile_version
            WHERE r.profile_version <= excluded.profile_version
            """, cancellationToken);

    /// <summary>
    /// Moves the relationship projection of merged ids to the survivor: contacts, overdue commitments and breaches follow
    /// it, and its relationship row takes the latest contact dates and stays strategic if any of them was.
    /// </summary>
    public static async Task MergeAsync(AnalyticsDbContext db, Guid survivorId, Guid[] mergedIds, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"UPDATE analytics.contacts SET customer_id = {survivorId} WHERE customer_id = ANY({mergedIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE analytics.overdue_commitments SET customer_id = {survivorId} WHERE customer_id = ANY({mergedIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE analytics.sla_breaches SET customer_id = {survivorId} WHERE customer_id = ANY({mergedIds})", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            WITH moved AS (
                DELETE FROM analytics.relationships WHERE customer_id = ANY({mergedIds})
                RETURNING is_strategic, last_contact_at, last_decision_maker_contact_at
            ), folded AS (
                SELECT bool_or(is_strategic) AS is_strategic, max(last_contact_at) AS last_contact_at,
                       max(last_decision_maker_contact_at) AS last_decision_maker_contact_at
                FROM moved HAVING count(*) > 0
            )
            INSERT INTO analytics.relationships AS r (customer_id, is_strategic, profile_version, last_contact_at, last_decision_maker_contact_at)
            SELECT {survivorId}, is_strategic, 0, last_contact_at, last_decision_maker_contact_at FROM folded
            ON CONFLICT (customer_id) DO UPDATE SET
                is_strategic = r.is_strategic OR excluded.is_strategic,
                last_contact_at = greatest(r.last_contact_at, excluded.last_contact_at),
                last_decision_maker_contact_at = greatest(r.last_decision_maker_contact_at, excluded.last_decision_maker_contact_at)
            """, cancellationToken);
    }

    private Task<int> Settled(Guid commitmentId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"DELETE FROM analytics.overdue_commitments WHERE commitment_id = {commitmentId}", cancellationToken);

    /// <summary>Keeps the contact's role; when it is a decision maker already reached, that reach counts for the customer.</summary>
    private async Task ContactRoleAsync(Guid customerId, ContactData contact, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO analytics.contacts AS c (contact_id, customer_id, role)
            VALUES ({contact.ContactId}, coalesce((SELECT merged_into FROM analytics.customers WHERE id = {customerId}), {customerId}), {contact.Role})
            ON CONFLICT (contact_id) DO UPDATE SET role = excluded.role
            """, cancellationToken);
        if (string.Equals(contact.Role, DecisionMaker, StringComparison.Ordinal))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO analytics.relationships AS r (customer_id, is_strategic, profile_version, last_decision_maker_contact_at)
                SELECT customer_id, false, 0, last_reached_at FROM analytics.contacts
                WHERE contact_id = {contact.ContactId} AND last_reached_at IS NOT NULL
                ON CONFLICT (customer_id) DO UPDATE SET
                    last_decision_maker_contact_at = greatest(r.last_decision_maker_contact_at, excluded.last_decision_maker_contact_at)
                """, cancellationToken);
        }
    }
}
