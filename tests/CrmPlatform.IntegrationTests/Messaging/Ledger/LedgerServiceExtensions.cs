using CrmPlatform.Messaging.Inbox;
using CrmPlatform.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.IntegrationTests.Messaging.Ledger;

public static class LedgerServiceExtensions
{
    /// <summary>The consumer's applications for <paramref name="customers"/>, in the order they were applied.</summary>
    public static Task<List<AppliedEntry>> AppliedAsync(this LedgerService service, params Guid[] customers) =>
        service.QueryAsync(db => db.Applied.AsNoTracking().Where(a => customers.Contains(a.CustomerId)).OrderBy(a => a.Position).ToListAsync());

    public static Task<List<OutboxMessage>> OutboxAsync(this LedgerService service, params Guid[] customers) =>
        service.QueryAsync(db => db.Set<OutboxMessage>().AsNoTracking().Where(m => customers.Contains(m.CustomerId)).OrderBy(m => m.Position).ToListAsync());

    public static Task<int> DeferredCountAsync(this LedgerService service, params Guid[] customers) =>
        service.QueryAsync(db => db.Set<DeferredMessage>().CountAsync(m => customers.Contains(m.CustomerId)));
}
