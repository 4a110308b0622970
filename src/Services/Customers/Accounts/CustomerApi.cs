using CrmPlatform.Customers.Access;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Validation;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CrmPlatform.Customers.Accounts;

public static class CustomerApi
{
    public const string MergePatchJson = "application/merge-patch+json";

    private static readonly HashSet<string> _readOnly =
        ["id", "stage", "stageChangedAt", "stageReason", "qualification", "overdueInvoices", "registeredAt", "updatedAt", "version"];

    public static RouteGroupBuilder MapCustomerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers").WithTags("Customers");
        api.AddEndpointFilter<OwnCustomersOnly>();

        api.MapPost("/", RegisterCustomer).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep)
            .WithName(nameof(RegisterCustomer))
            .WithSummary("Register a customer (account)")
            .WithDescription("Stores the customer and, in the same transaction, its CustomerRegistered event (published from the outbox). 422 names each invalid field; 409 when the country and tax id are already registered (existingCustomerId).")
            .Accepts<CustomerResponse>("application/json")
            .Produces<CustomerResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/{id:guid}", GetCustomer).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Analyst, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing)
            .WithName(nameof(GetCustomer))
            .WithSummary("Get one customer")
            .WithDescription("Served from the cache when it can be. The ETag is the customer's version: send it back in If-Match to change the customer, or in If-None-Match for a 304. A merged id answers 308 to its survivor.")
            .Produces<CustomerResponse>()
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPatch("/{id:guid}", UpdateCustomer).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.Accounting, CrmRoles.Logistics)
            .WithName(nameof(UpdateCustomer))
            .WithSummary("Change a customer (JSON Merge Patch)")
            .WithDescription("Body: application/merge-patch+json (RFC 7386): members set, null removes, arrays replace. Requires If-Match with the current ETag (428 without, 412 when stale). Records each changed field in the history and publishes CustomerProfileUpdated plus CustomerAddressChanged, CustomerFiscalDataChanged, CustomerSegmentsChanged or CustomerOwnerChanged as they apply. The stage changes through POST /{id}/stage.")
            .Accepts<CustomerResponse>(MergePatchJson, "application/json")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        return api;
    }

    public static async Task<IResult> RegisterCustomer(
        HttpContext http, CustomersDbContext db, IOptionsMonitor<CustomAttributeOptions> attributes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        WritableFields.Check(http.User, body!, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (CallerIdentity.IsLimitedToOwnCustomers(http.User))
        {
            body!["ownerId"] = Actor.Of(http); // a rep's new customer is theirs
        }

        var input = CustomerInput.Read(body!, attributes.CurrentValue, now, errors);
        if (input is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = input.NewCustomer(now);

        // The usual duplicate is answered without provoking a constraint violation (which the
        // database and EF log as errors); the unique index still decides a race between two requests.
        if (await ExistingCustomerIdAsync(db, customer.Country, customer.TaxId, cancellationToken) is { } existing)
        {
            return DuplicateTaxId(customer, existing);
        }

        db.AddNewCustomer(customer, Actor.Of(http), "registered");
        try
        {
            // The customer, its history and its CustomerRegistered event commit together.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateTaxId(ex))
        {
            return DuplicateTaxId(customer, await ExistingCustomerIdAsync(db, customer.Country, customer.TaxId, CancellationToken.None));
        }

        http.Response.Headers.ETag = ETags.For(customer.Version);
        http.Response.Headers.Location = $"/api/customers/{customer.Id}";
        return Results.Text(CustomerResponse.From(customer).ToJson(), "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    public static async Task<IResult> GetCustomer(Guid id, HttpContext http, CustomersDbContext db, CustomerCache cache, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(id) is { } cached)
        {
            return Answer(http, cached.Version, cached.Body);
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        var body = CustomerResponse.From(customer).ToJson();
        await cache.SetAsync(id, customer.Version, body);
        return Answer(http, customer.Version, body);
    }

    public static async Task<IResult> UpdateCustomer(
        Guid id, HttpContext http, CustomersDbContext db, CustomerCache cache, IOptionsMonitor<CustomAttributeOptions> attributes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        if (Precondition(http, customer.Version) is { } failed)
        {
            return failed;
        }

        var (patch, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, MergePatchJson, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        WritableFields.Check(http.User, patch!, errors);
        foreach (var (name, _) in patch!)
        {
            if (_readOnly.Contains(name))
            {
                errors.Add(name, name.StartsWith("stage", StringComparison.Ordinal)
                    ? "Read-only here: change the stage with POST /api/customers/{id}/stage."
                    : "Read-only.");
            }
        }

        var document = (System.Text.Json.Nodes.JsonObject)MergePatch.Apply(CustomerInput.DocumentOf(customer), patch)!;
        if (patch["kind"] is not null && !string.Equals(document["kind"]?.ToString(), customer.Kind.ToWireName(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("kind", "A customer's kind cannot change; register the other kind as a new customer.");
        }

        var input = errors.Any ? null : CustomerInput.Read(document, attributes.CurrentValue, now, errors);
        if (input is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var before = CustomerSnapshot.Of(customer);
        var previousOwner = customer.OwnerId;
        var previousVerifiedAt = customer.Fiscal.VerifiedAt;
        input.ApplyTo(customer);
        var changes = CustomerSnapshot.Diff(before, CustomerSnapshot.Of(customer));
        if (changes.Count == 0)
        {
            return Answer(http, customer.Version, CustomerResponse.From(customer).ToJson());
        }

        if (customer.Fiscal.VerifiedAt != previousVerifiedAt)
        {
            customer.FiscalReviewRaisedAt = null; // verified again: the next review is due a period from now
        }

        customer.Version++;
        customer.UpdatedAt = now;
        db.Record(customer.Id, Actor.Of(http), "updated", now, changes);
        db.AddUpdated(customer, changes, previousOwner);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("customer", ETags.For(await CurrentVersionAsync(db, id)));
        }
        catch (DbUpdateException ex) when (IsDuplicateTaxId(ex))
        {
            return DuplicateTaxId(customer, await ExistingCustomerIdAsync(db, customer.Country, customer.TaxId, CancellationToken.None));
        }

        await cache.InvalidateAsync(customer.Id, customer.Version);
        return Answer(http, customer.Version, CustomerResponse.From(customer).ToJson());
    }

    /// <summary>428 without If-Match, 412 when it names another version; null when the change may go ahead.</summary>
    public static IResult? Precondition(HttpContext http, long currentVersion, string what = "customer") =>
        ETags.Precondition(http, currentVersion, what);

    public static bool IsDuplicateTaxId(DbUpdateException ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CustomerConfiguration.UniqueTaxIdIndex };

    public static Task<long> CurrentVersionAsync(CustomersDbContext db, Guid id) =>
        db.Customers.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).FirstOrDefaultAsync();

    /// <summary>The customer as the caller may see it (<see cref="CustomerFieldVisibility"/>), with its ETag, or a 304.</summary>
    private static IResult Answer(HttpContext http, long version, string body)
    {
        http.Response.Headers.ETag = ETags.For(version);
        return ETags.NoneMatchHits(http.Request.Headers.IfNoneMatch, version)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Text(CustomerFieldVisibility.Redact(body, CustomerFieldVisibility.HiddenFrom(http.User)), "application/json", System.Text.Encoding.UTF8);
    }

    private static Task<Guid?> ExistingCustomerIdAsync(CustomersDbContext db, string country, string taxId, CancellationToken cancellationToken) =>
        db.Customers.AsNoTracking()
            .Where(c => c.Country == country && c.TaxId == taxId)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult DuplicateTaxId(Customer customer, Guid? existingId) =>
        Problems.Conflict(
            "duplicate-tax-id",
            "A customer with this tax id is already registered.",
            $"{customer.Country} tax id {customer.TaxId} belongs to customer {existingId}.",
            new Dictionary<string, object?> { ["existingCustomerId"] = existingId });
}
