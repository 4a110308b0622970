using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Customers;

/// <summary>
/// Keeps the customers (name, strategic flag, segments) and contacts this service knows in step with
/// the customer service; the strategic flag and segments choose a new ticket's SLA policy.
/// </summary>
public sealed class CustomerDirectoryHandlers(ServiceDeskDbContext db, ILogger<CustomerDirectoryHandlers> logger) :
    IEventHandler<CustomerRegistered>,
    IEventHandler<CustomerProfileUpdated>,
    IEventHandler<CustomerSegmentsChanged>,
    IEventHandler<ContactAdded>,
    IEventHandler<ContactUpdated>,
    IEventHandler<ContactRemoved>,
    IEventHandler<CustomerMerged>
{
    public Task HandleAsync(EventContext<CustomerRegistered> context, CancellationToken cancellationToken)
    {
        var registered = context.Message;
        db.Customers.Add(new CustomerReference
        {
            Id = registered.CustomerId,
            LegalName = registered.LegalName,
            Country = registered.Country,
            IsStrategic = registered.IsStrategic,
            Segments = [.. registered.Segments ?? []],
        });
        return Task.CompletedTask;
    }

    public async Task HandleAsync(EventContext<CustomerProfileUpdated> context, CancellationToken cancellationToken)
    {
        if (await FindAsync(context.Message.CustomerId, cancellationToken) is { } customer)
        {
            customer.LegalName = context.Message.LegalName;
            customer.IsStrategic = context.Message.IsStrategic;
        }
    }

    public async Task HandleAsync(EventContext<CustomerSegmentsChanged> context, CancellationToken cancellationToken)
    {
        if (await FindAsync(context.Message.CustomerId, cancellationToken) is { } customer)
        {
            customer.Segments = [.. context.Message.Segments];
        }
    }

    public async Task HandleAsync(EventContext<ContactAdded> context, CancellationToken cancellationToken) =>
        await UpsertContactAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);

    public async Task HandleAsync(EventContext<ContactUpdated> context, CancellationToken cancellationToken) =>
        await UpsertContactAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);

    public async Task HandleAsync(EventContext<ContactRemoved> context, CancellationToken cancellationToken) =>
        await db.Contacts.Where(c => c.Id == context.Message.ContactId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Tickets, NPS answers and contacts of the merged ids move to the survivor, in the inbox transaction.</summary>
    public async Task HandleAsync(EventContext<CustomerMerged> context, CancellationToken cancellationToken)
    {
        var merged = context.Message;
        var ids = merged.MergedIds.Where(id => id != merged.SurvivorId).ToList();
        await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedInto, merged.SurvivorId), cancellationToken);
        await db.Tickets.Where(t => ids.Contains(t.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(t => t.CustomerId, merged.SurvivorId), cancellationToken);
        await db.NpsResponses.Where(r => ids.Contains(r.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, merged.SurvivorId), cancellationToken);
        await db.Contacts.Where(c => ids.Contains(c.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, merged.SurvivorId), cancellationToken);
    }

    private async Task UpsertContactAsync(Guid customerId, ContactData data, CancellationToken cancellationToken)
    {
        if (await FindAsync(customerId, cancellationToken) is not { } customer)
        {
            return;
        }

        var contact = await db.Contacts.FindAsync([data.ContactId], cancellationToken);
        if (contact is null)
        {
            db.Contacts.Add(new ContactReference { Id = data.ContactId, CustomerId = customer.Id, Name = data.Name });
            return;
        }

        contact.CustomerId = customer.Id;
        contact.Name = data.Name;
    }

    private async Task<CustomerReference?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.FindLiveAsync(customerId, cancellationToken);
        if (customer is null)
        {
            logger.LogWarning("An event for customer {CustomerId}, which this service does not know, was skipped.", customerId);
        }

        return customer;
    }
}
