using CrmPlatform.Contracts.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Messaging.Inbox;

namespace CrmPlatform.Interactions.Customers;

/// <summary>Learns of a new customer so interactions can be logged for it.</summary>
public sealed class CustomerRegisteredHandler(InteractionsDbContext db) : IEventHandler<CustomerRegistered>
{
    public Task HandleAsync(EventContext<CustomerRegistered> context, CancellationToken cancellationToken)
    {
        db.Customers.Add(new CustomerReference
        {
            Id = context.Message.CustomerId,
            LegalName = context.Message.LegalName,
            RegisteredAt = context.Message.RegisteredAt,
        });
        return Task.CompletedTask;
    }
}
