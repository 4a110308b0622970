using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Customers.Accounts;

public static class CustomerApi
{
    public static IEndpointRouteBuilder MapCustomerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers");

        api.MapPost("/", RegisterCustomer)
            .WithName(nameof(RegisterCustomer))
            .WithSummary("Register a customer (account)")
            .WithDescription("Stores the customer and publishes CustomerRegistered. 422 names each invalid field; 409 when the country and tax id are already registered.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Get one customer");

        return app;
    }

    public static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> RegisterCustomer(
        RegisterCustomerRequest request, CustomersDbContext db, IPublishEndpoint publisher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (customer, errors) = request.Validate(clock.GetUtcNow().ToPostgresPrecision());
        if (customer is null)
        {
            return Problems.Validation(errors);
        }

        db.Customers.Add(customer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CustomerConfiguration.UniqueTaxIdIndex })
        {
            var existingId = await db.Customers.AsNoTracking()
                .Where(c => c.Country == customer.Country && c.TaxId == customer.TaxId)
                .Select(c => c.Id)
                .FirstAsync(CancellationToken.None);
            return Problems.Conflict(
                "duplicate-tax-id",
                "A customer with this tax id is already registered.",
                $"{customer.Country} tax id {customer.TaxId} belongs to customer {existingId}.",
                new Dictionary<string, object?> { ["existingCustomerId"] = existingId });
        }

        // Not cancellable: once committed, the event must go out even if the caller has hung up.
        // (Until the transactional outbox lands, a broker failure here loses the event; see issue 3.)
        await publisher.Publish(ToEvent(customer), CancellationToken.None);
        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerResponse.From(customer));
    }

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetCustomer(
        Guid id, CustomersDbContext db, CustomerCache cache, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(id) is { } cached)
        {
            return TypedResults.Ok(cached);
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return Problems.NotFound("customer", id);
        }

        var response = CustomerResponse.From(customer);
        await cache.SetAsync(response);
        return TypedResults.Ok(response);
    }

    private static CustomerRegistered ToEvent(Customer customer) => new()
    {
        CustomerId = customer.Id,
        Kind = customer.Kind.ToWireName(),
        LegalName = customer.LegalName,
        TradeName = customer.TradeName,
        Country = customer.Country,
        TaxId = customer.TaxId,
        RegisteredAt = customer.RegisteredAt,
    };
}
