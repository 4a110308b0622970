using CrmPlatform.Contracts.Customers;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Infrastructure;
using MassTransit;

namespace CrmPlatform.Interactions.Customers;

public sealed class CustomerRegisteredConsumer(InteractionsDbContext db) : IConsumer<CustomerRegistered>
{
    public Task Consume(ConsumeContext<CustomerRegistered> context) =>
        db.InsertIfAbsentAsync(new CustomerReference
        {
            Id = context.Message.CustomerId,
            LegalName = context.Message.LegalName,
            RegisteredAt = context.Message.RegisteredAt,
        }, context.CancellationToken);
}
