using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDesk.Infrastructure;
using MassTransit;

namespace CrmPlatform.ServiceDesk.Customers;

public sealed class CustomerRegisteredConsumer(ServiceDeskDbContext db) : IConsumer<CustomerRegistered>
{
    public Task Consume(ConsumeContext<CustomerRegistered> context) =>
        db.InsertIfAbsentAsync(new CustomerReference
        {
            Id = context.Message.CustomerId,
            LegalName = context.Message.LegalName,
            Country = context.Message.Country,
        }, context.CancellationToken);
}
