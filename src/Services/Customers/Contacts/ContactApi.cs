using System.Text.Json.Nodes;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Validation;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Contacts;

/// <summary>The people at an account. Each contact has its own ETag; changes need If-Match like the customer's.</summary>
public static class ContactApi
{
    private const int MaxContactsPerCustomer = 500;

    public static RouteGroupBuilder MapContactApi(this RouteGroupBuilder customers)
    {
        var contacts = customers.MapGroup("/{id:guid}/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListContacts).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing).WithName(nameof(ListContacts)).WithSummary("The contacts of a customer").Produces<List<ContactResponse>>();
        contacts.MapPost("/", AddContact).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep).WithName(nameof(AddContact)).WithSummary("Add a contact (publishes ContactAdded)")
            .Accepts<ContactResponse>("application/json").Produces<ContactResponse>(StatusCodes.Status201Created).ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        contacts.MapGet("/{contactId:guid}", GetContact).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing).WithName(nameof(GetContact)).WithSummary("One contact, with its ETag").Produces<ContactResponse>();
        contacts.MapPatch("/{contactId:guid}", UpdateContact).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep).WithName(nameof(UpdateContact))
            .WithSummary("Change a contact (JSON Merge Patch, If-Match; publishes ContactUpdated)")
            .Accepts<ContactResponse>(CustomerApi.MergePatchJson, "application/json").Produces<ContactResponse>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        contacts.MapDelete("/{contactId:guid}", RemoveContact).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep).WithName(nameof(RemoveContact))
            .WithSummary("Remove a contact (If-Match; publishes ContactRemoved)").Produces(StatusCodes.Status204NoContent);
        return customers;
    }

    public static async Task<IResult> ListContacts(Guid id, HttpContext http, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (await MissingCustomerAsync(http, db, id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var consentedOnly = OnlyConsentedContacts(http);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.CustomerId == id && (!consentedOnly || c.MarketingEmailConsent))
            .OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(contacts.Select(ContactResponse.From).ToList());
    }

    public static async Task<IResult> GetContact(Guid id, Guid contactId, HttpContext http, CustomersDbContext db, CancellationToken cancellationToken)
    {
        var consentedOnly = OnlyConsentedContacts(http);
        var contact = await db.Contacts.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == contactId && c.CustomerId == id && (!consentedOnly || c.MarketingEmailConsent), cancellationToken);
        if (contact is null)
        {
            return await MissingCustomerAsync(http, db, id, cancellationToken) ?? Problems.NotFound("contact", contactId);
        }

        http.Response.Headers.ETag = ETags.For(contact.Version);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    /// <summary>
    /// Marketing reaches only people who agreed to hear from us (LGPD consent): for a caller whose
    /// only way to contacts is the marketing role, the others do not exist.
    /// </summary>
    private static bool OnlyConsentedContacts(HttpContext http) =>
        http.User.IsInRole(CrmRoles.Marketing)
        && !new[] { CrmRoles.Admin, CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics }.Any(http.User.IsInRole);

    public static async Task<IResult> AddContact(Guid id, HttpContext http, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await MissingCustomerAsync(http, db, id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var contact = new Contact { Id = Guid.CreateVersion7(), CustomerId = id, Name = "", CreatedAt = now, UpdatedAt = now };
        var errors = new FieldErrors();
        if (!ContactInput.Apply(body!, contact, errors))
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await db.Contacts.CountAsync(c => c.CustomerId == id, cancellationToken) >= MaxContactsPerCustomer)
        {
            return Problems.Conflict("too-many-contacts", "The customer has too many contacts.", $"A customer has at most {MaxContactsPerCustomer} contacts; remove some first.");
        }

        db.Contacts.Add(contact);
        db.Record(id, Actor.Of(http), "contact-added", now, $"contacts[{contact.Id}]", null, ContactInput.DocumentOf(contact).ToJsonString());
        db.AddEvent(new ContactAdded { CustomerId = id, Contact = ContactInput.ToContract(contact), AddedAt = now }, id, now);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(contact.Version);
        return TypedResults.Created($"/api/customers/{id}/contacts/{contact.Id}", ContactResponse.From(contact));
    }

    public static async Task<IResult> UpdateContact(Guid id, Guid contactId, HttpContext http, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.CustomerId == id, cancellationToken);
        if (contact is null)
        {
            return await MissingCustomerAsync(http, db, id, cancellationToken) ?? Problems.NotFound("contact", contactId);
        }

        if (CustomerApi.Precondition(http, contact.Version, "contact") is { } failed)
        {
            return failed;
        }

        var (patch, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, CustomerApi.MergePatchJson, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var before = ContactInput.DocumentOf(contact);
        var document = (JsonObject)MergePatch.Apply(before, patch)!;
        var errors = new FieldErrors();
        if (!ContactInput.Apply(document, contact, errors))
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var after = ContactInput.DocumentOf(contact);
        var changes = before.Select(f => f.Key)
            .Where(k => before[k]?.ToJsonString() != after[k]?.ToJsonString())
            .Select(k => new FieldChange($"contacts[{contact.Id}].{k}", before[k]?.ToJsonString(), after[k]?.ToJsonString()))
            .ToList();
        if (changes.Count > 0)
        {
            var now = clock.GetUtcNow().ToPostgresPrecision();
            contact.Version++;
            contact.UpdatedAt = now;
            db.Record(id, Actor.Of(http), "contact-updated", now, changes);
            db.AddEvent(new ContactUpdated
            {
                CustomerId = id,
                Contact = ContactInput.ToContract(contact),
                ChangedFields = [.. changes.Select(c => c.Field[(c.Field.IndexOf("].", StringComparison.Ordinal) + 2)..])],
                UpdatedAt = now,
            }, id, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Problems.PreconditionFailed("contact", ETags.For(await CurrentVersionAsync(db, contactId)));
            }
        }

        http.Response.Headers.ETag = ETags.For(contact.Version);
        return TypedResults.Ok(ContactResponse.From(contact));
    }

    public static async Task<IResult> RemoveContact(Guid id, Guid contactId, HttpContext http, CustomersDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.CustomerId == id, cancellationToken);
        if (contact is null)
        {
            return await MissingCustomerAsync(http, db, id, cancellationToken) ?? Problems.NotFound("contact", contactId);
        }

        if (CustomerApi.Precondition(http, contact.Version, "contact") is { } failed)
        {
            return failed;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        db.Contacts.Remove(contact);
        db.Record(id, Actor.Of(http), "contact-removed", now, $"contacts[{contact.Id}]", ContactInput.DocumentOf(contact).ToJsonString(), null);
        db.AddEvent(new ContactRemoved { CustomerId = id, ContactId = contact.Id, RemovedAt = now }, id, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("contact", ETags.For(await CurrentVersionAsync(db, contactId)));
        }

        return TypedResults.NoContent();
    }

    /// <summary>404 or a redirect to the survivor when the customer does not exist; null when it does.</summary>
    private static async Task<IResult?> MissingCustomerAsync(HttpContext http, CustomersDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Customers.AnyAsync(c => c.Id == id, cancellationToken)
            ? null
            : await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);

    private static Task<long> CurrentVersionAsync(CustomersDbContext db, Guid contactId) =>
        db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.Version).FirstOrDefaultAsync();
}
