using CrmPlatform.ServiceDesk.Infrastructure;

namespace CrmPlatform.ServiceDesk.Customers;

/// <summary>The customers this service knows, with merged ids leading to their survivor.</summary>
public static class CustomerDirectory
{
    private const int MaxMergeHops = 8;

    /// <summary>The customer <paramref name="id"/> is now: itself, or the survivor it was merged into; null when unknown.</summary>
    public static async Task<CustomerReference?> FindLiveAsync(this ServiceDeskDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FindAsync([id], cancellationToken);
        for (var hop = 0; customer?.MergedInto is { } survivor && hop < MaxMergeHops; hop++)
        {
            customer = await db.Customers.FindAsync([survivor], cancellationToken);
        }

        return customer;
    }
}
