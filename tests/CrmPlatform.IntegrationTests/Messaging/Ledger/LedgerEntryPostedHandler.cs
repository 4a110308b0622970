using System.Collections.Concurrent;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.IntegrationTests.Messaging.Ledger;

public sealed class LedgerEntryPostedHandler(LedgerDbContext db) : IEventHandler<LedgerEntryPosted>
{
    /// <summary>Attempts per entry across all handler instances, so a test can make an event fail N times.</summary>
    public static readonly ConcurrentDictionary<Guid, int> Attempts = new();

    public Task HandleAsync(EventContext<LedgerEntryPosted> context, CancellationToken cancellationToken)
    {
        var attempt = Attempts.AddOrUpdate(context.Message.EntryId, 1, (_, n) => n + 1);
        if (attempt <= context.Message.FailTimes)
        {
            throw new InvalidOperationException($"Ledger entry {context.Message.EntryId} fails on purpose (attempt {attempt}).");
        }

        db.Applied.Add(new AppliedEntry { MessageId = context.MessageId, CustomerId = context.CustomerId, Sequence = context.Sequence });
        return Task.CompletedTask;
    }
}
