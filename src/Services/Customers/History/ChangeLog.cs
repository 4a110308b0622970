using CrmPlatform.Customers.Infrastructure;

namespace CrmPlatform.Customers.History;

/// <summary>Writes history rows into the same unit of work as the change they describe.</summary>
public static class ChangeLog
{
    public static void Record(this CustomersDbContext db, Guid customerId, string actor, string operation, DateTimeOffset at, IEnumerable<FieldChange> changes)
    {
        foreach (var change in changes)
        {
            db.Changes.Add(new CustomerChange
            {
                CustomerId = customerId,
                ChangedAt = at,
                ChangedBy = actor,
                Operation = operation,
                Field = change.Field,
                OldValue = change.OldValue,
                NewValue = change.NewValue,
            });
        }
    }

    public static void Record(this CustomersDbContext db, Guid customerId, string actor, string operation, DateTimeOffset at, string field, string? oldValue, string? newValue) =>
        db.Record(customerId, actor, operation, at, [new FieldChange(field, oldValue, newValue)]);
}
