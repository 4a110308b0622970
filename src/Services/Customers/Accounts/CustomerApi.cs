using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
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
            .WithDescription("Stores the customer and, in the same transaction, its CustomerRegistered event (published from the outbox). 422 names each invalid field; 409 when the country and tax id are already registered.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/{id:guid}", GetCustomer)
            .WithName(nameof(GetCustomer))
            .WithSummary("Get one customer");

        return app;
    }

    public static async Task<Results<Created<CustomerResponse>, ProblemHttpResult>> RegisterCustomer(
        RegisterCustomerRequest request, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (customer, errors) = request.Validate(clock.GetUtcNow().ToPostgresPrecision());
        if (customer is null)
        {
            return Problems.Validation(errors);
        }

        // The usual duplicate is answered without provoking a constraint violation (which the
        // database and EF log as errors); the unique index still decides a race between two requests.
        if (await ExistingCustomerIdAsync(db, customer, cancellationToken) is { } existing)
        {
            return DuplicateTaxId(customer, existing);
        }

        db.Customers.Add(customer);
        db.AddEvent(ToEvent(customer), customer.Id, customer.RegisteredAt);
        try
        {
            // The customer and its CustomerRegistered event commit together (transactional outbox).
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CustomerConfiguration.UniqueTaxIdIndex })
        {
            return DuplicateTaxId(customer, await ExistingCustomerIdAsync(db, customer, CancellationToken.None));
        }

        return TypedResults.Created($"/api/customers/{customer.Id}", CustomerResponse.From(customer));
    }

    private static Task<Guid?> ExistingCustomerIdAsync(CustomersDbContext db, Customer customer, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking()
            .Where(c => c.Country == customer.Country && c.TaxId == customer.TaxId)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static ProblemHttpResult DuplicateTaxId(Customer customer, Guid? existingId) =>
        Problems.Conflict(
            "duplicate-tax-id",
            "A customer with this tax id is already registered.",
            $"{customer.Country} tax id {customer.TaxId} belongs to customer {existingId}.",
            new Dictionary<string, object?> { ["existingCustomerId"] = existingId });

    public static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> GetCustomer(
        Guid id, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return customer is null ? Problems.NotFound("customer", id) : TypedResults.Ok(CustomerResponse.From(customer));
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
