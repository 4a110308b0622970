using CrmPlatform.Interactions.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Customers;

/// <summary>The customers this service knows, with merged ids leading to their survivor.</summary>
public static class CustomerDirectory
{
    /// <summary>Merges chain (A into B, later B into C); a handful of hops is more than any real chain.</summary>
    private const int MaxMergeHops = 8;

    /// <summary>The 422 message for a customer id this service does not know.</summary>
    public const string UnknownCustomer = "No customer has this id. A customer registered a moment ago may take a second to reach this service: try again.";

    /// <summary>The customer <paramref name="id"/> is now: itself, or the survivor it was merged into; null when unknown.</summary>
    public static async Task<CustomerReference?> FindLiveAsync(this InteractionsDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FindAsync([id], cancellationToken);
        for (var hop = 0; customer?.MergedInto is { } survivor && hop < MaxMergeHops; hop++)
        {
            customer = await db.Customers.FindAsync([survivor], cancellationToken);
        }

        return customer;
    }

    /// <summary>The id facts about <paramref name="id"/> should be kept under: the survivor if it was merged, else itself (known or not yet).</summary>
    public static async Task<Guid> LiveIdAsync(this InteractionsDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await db.FindLiveAsync(id, cancellationToken))?.Id ?? id;

    /// <summary>Which of <paramref name="contactIds"/> are contacts of the customer.</summary>
    public static async Task<HashSet<Guid>> ContactsOfAsync(this InteractionsDbContext db, Guid customerId, IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken) =>
        contactIds.Count == 0
            ? []
            : [.. await db.Contacts.Where(c => c.CustomerId == customerId && contactIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken)];
}
