using CrmPlatform.Contracts.Customers;
using CrmPlatform.Messaging.Inbox;
using CrmPlatform.ServiceDesk.Infrastructure;

namespace CrmPlatform.ServiceDesk.Customers;

/// <summary>Learns of a new customer so tickets can be opened for it.</summary>
public sealed class CustomerRegisteredHandler(ServiceDeskDbContext db) : IEventHandler<CustomerRegistered>
{
    public Task HandleAsync(EventContext<CustomerRegistered> context, CancellationToken cancellationToken)
    {
        db.Customers.Add(new CustomerReference
        {
            Id = context.Message.CustomerId,
            LegalName = context.Message.LegalName,
            Country = context.Message.Country,
        });
        return Task.CompletedTask;
    }
}
