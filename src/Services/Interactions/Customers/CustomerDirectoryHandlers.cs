using CrmPlatform.Contracts.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Messaging.Inbox;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Customers;

/// <summary>
/// Keeps the customers and contacts this service knows in step with the customer service. Events of
/// one customer arrive in order, so an update never precedes the registration it updates; a contact
/// event for a customer merged meanwhile lands on the survivor.
/// </summary>
public sealed class CustomerDirectoryHandlers(InteractionsDbContext db, ILogger<CustomerDirectoryHandlers> logger) :
    IEventHandler<CustomerRegistered>,
    IEventHandler<CustomerProfileUpdated>,
    IEventHandler<CustomerOwnerChanged>,
    IEventHandler<ContactAdded>,
    IEventHandler<ContactUpdated>,
    IEventHandler<ContactRemoved>
{
    public Task HandleAsync(EventContext<CustomerRegistered> context, CancellationToken cancellationToken)
    {
        var registered = context.Message;
        db.Customers.Add(new CustomerReference
        {
            Id = registered.CustomerId,
            LegalName = registered.LegalName,
            OwnerId = registered.OwnerId,
            IsStrategic = registered.IsStrategic,
            RegisteredAt = registered.RegisteredAt,
        });
        db.AddToTimeline(registered.CustomerId, registered.RegisteredAt, TimelineKind.Registered, registered.CustomerId.ToString(),
            $"Registered as {registered.Kind}: {registered.LegalName}", null,
            new { registered.Kind, registered.Country, registered.Stage, registered.OwnerId });
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

    public async Task HandleAsync(EventContext<CustomerOwnerChanged> context, CancellationToken cancellationToken)
    {
        if (await FindAsync(context.Message.CustomerId, cancellationToken) is { } customer)
        {
            customer.OwnerId = context.Message.OwnerId;
        }
    }

    public Task HandleAsync(EventContext<ContactAdded> context, CancellationToken cancellationToken) =>
        UpsertContactAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);

    public Task HandleAsync(EventContext<ContactUpdated> context, CancellationToken cancellationToken) =>
        UpsertContactAsync(context.Message.CustomerId, context.Message.Contact, cancellationToken);

    public async Task HandleAsync(EventContext<ContactRemoved> context, CancellationToken cancellationToken)
    {
        // Interactions that named the contact keep its id; new ones may no longer name it.
        await db.Contacts.Where(c => c.Id == context.Message.ContactId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task UpsertContactAsync(Guid customerId, ContactData data, CancellationToken cancellationToken)
    {
        var customer = await FindAsync(customerId, cancellationToken);
        if (customer is null)
        {
            return;
        }

        var contact = await db.Contacts.FindAsync([data.ContactId], cancellationToken);
        if (contact is null)
        {
            db.Contacts.Add(new ContactReference { Id = data.ContactId, CustomerId = customer.Id, Name = data.Name, Role = data.Role, Position = data.Position });
            return;
        }

        contact.CustomerId = customer.Id;
        contact.Name = data.Name;
        contact.Role = data.Role;
        contact.Position = data.Position;
    }

    private async Task<CustomerReference?> FindAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.FindLiveAsync(customerId, cancellationToken);
        if (customer is null)
        {
            // Per-customer order makes this impossible unless the registration was published before
            // this service subscribed (a database restored from an older backup): say so, do not fail.
            logger.LogWarning("An event for customer {CustomerId}, which this service does not know, was skipped.", customerId);
        }

        return customer;
    }
}
