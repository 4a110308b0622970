using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Duplicates;

public static class MergeApi
{
    private const int MaxMergedAtOnce = 20;

    public static RouteGroupBuilder MapMergeApi(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id:guid}/merge", MergeCustomers).RequireRoles(CrmRoles.SalesManager)
            .WithName(nameof(MergeCustomers))
            .WithSummary("Merge duplicates into this customer (the survivor)")
            .WithDescription("Body: { mergedIds: [...] } (1–20). In one transaction: contacts, addresses, assessments, overdue invoices and history move to the survivor; segments and tags are joined; the survivor's empty e-mail, phone, website, trade name, industry, size and owner are filled from the merged; the merged customers are removed and their ids answer 308 to the survivor from then on. Requires If-Match of the survivor. Publishes CustomerMerged { survivorId, mergedIds } (and CustomerProfileUpdated etc. when the survivor's fields changed).")
            .Accepts<MergeRequest>("application/json")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return customers;
    }

    public static async Task<IResult> MergeCustomers(Guid id, HttpContext http, CustomersDbContext db, CustomerCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var mergedIds = ReadIds(body!, id, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var survivor = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (survivor is null)
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        if (CustomerApi.Precondition(http, survivor.Version) is { } failed)
        {
            return failed;
        }

        var merged = await db.Customers.Where(c => mergedIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < mergedIds.Count; i++)
        {
            if (merged.All(c => c.Id != mergedIds[i]))
            {
                var survivorOf = await MergedCustomers.SurvivorOfAsync(db, mergedIds[i], cancellationToken);
                errors.Add($"mergedIds[{i}]", survivorOf is null ? "No such customer." : $"Already merged into {survivorOf}.");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var actor = Actor.Of(http);
        var before = CustomerSnapshot.Of(survivor);
        var previousOwner = survivor.OwnerId;
        Absorb(survivor, merged);
        await MoveDependentsAsync(db, survivor.Id, mergedIds, cancellationToken);
        foreach (var customer in merged)
        {
            db.Aliases.Add(new CustomerAlias { MergedId = customer.Id, SurvivorId = survivor.Id, MergedAt = now });
            db.Customers.Remove(customer);
        }

        survivor.OverdueInvoices = await db.OverdueInvoices.CountAsync(i => i.CustomerId == survivor.Id || mergedIds.Contains(i.CustomerId), cancellationToken);
        survivor.Version++;
        survivor.UpdatedAt = now;
        var changes = CustomerSnapshot.Diff(before, CustomerSnapshot.Of(survivor));
        db.Record(survivor.Id, actor, "merged", now, "mergedIds", null, System.Text.Json.JsonSerializer.Serialize(mergedIds));
        db.Record(survivor.Id, actor, "merged", now, changes);
        db.AddEvent(new CustomerMerged { CustomerId = survivor.Id, SurvivorId = survivor.Id, MergedIds = mergedIds, MergedAt = now }, survivor.Id, now);
        if (changes.Count > 0)
        {
            db.AddUpdated(survivor, changes, previousOwner);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("concurrent-change", "A customer of the merge changed meanwhile.", "Read the customers again and repeat the merge.");
        }

        AccessAudit.Sensitive(http, "merge", $"customer {survivor.Id} absorbed {string.Join(", ", mergedIds)}");
        await cache.InvalidateAsync([(survivor.Id, survivor.Version), .. merged.Select(c => (c.Id, c.Version + 1))]);
        http.Response.Headers.ETag = ETags.For(survivor.Version);
        return TypedResults.Ok(CustomerResponse.From(survivor));
    }

    private static List<Guid> ReadIds(System.Text.Json.Nodes.JsonObject body, Guid survivorId, FieldErrors errors)
    {
        foreach (var (name, _) in body)
        {
            if (name != "mergedIds")
            {
                errors.Add(Text.Shorten(name), "Unknown field.");
            }
        }

        var ids = new List<Guid>();
        JsonFields.StringArray(body["mergedIds"], "mergedIds", errors, out var raw);
        if (raw.Count is 0 or > MaxMergedAtOnce && !errors.Has("mergedIds"))
        {
            errors.Add("mergedIds", $"Give 1 to {MaxMergedAtOnce} customer ids to merge into this one.");
        }

        for (var i = 0; i < raw.Count; i++)
        {
            if (!Guid.TryParse(raw[i], out var mergedId))
            {
                errors.Add($"mergedIds[{i}]", "Not a customer id.");
            }
            else if (mergedId == survivorId)
            {
                errors.Add($"mergedIds[{i}]", "A customer cannot be merged into itself.");
            }
            else if (ids.Contains(mergedId))
            {
                errors.Add($"mergedIds[{i}]", "Given twice.");
            }
            else
            {
                ids.Add(mergedId);
            }
        }

        return ids;
    }

    /// <summary>What the survivor takes from the merged: addresses and labels joined, empty fields filled.</summary>
    private static void Absorb(Customer survivor, List<Customer> merged)
    {
        foreach (var customer in merged)
        {
            survivor.Addresses = [.. survivor.Addresses.Concat(customer.Addresses).Distinct().Take(CustomerLimits.AddressesPerCustomer)];
            survivor.Segments = [.. survivor.Segments.Union(customer.Segments).Take(CustomerLimits.LabelsPerList)];
            survivor.Tags = [.. survivor.Tags.Union(customer.Tags).Take(CustomerLimits.LabelsPerList)];
            survivor.TradeName ??= customer.TradeName;
            survivor.Email ??= customer.Email;
            survivor.Phone ??= customer.Phone;
            survivor.Website ??= customer.Website;
            survivor.Industry ??= customer.Industry;
            survivor.Size ??= customer.Size;
            survivor.OwnerId ??= customer.OwnerId;
            survivor.IsStrategic |= customer.IsStrategic;
        }

        survivor.SearchText = Search.SearchText.For(survivor.LegalName, survivor.TradeName, survivor.TaxId, survivor.Email);
    }

    private static async Task MoveDependentsAsync(CustomersDbContext db, Guid survivorId, List<Guid> mergedIds, CancellationToken cancellationToken)
    {
        await db.Contacts.Where(c => mergedIds.Contains(c.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), cancellationToken);
        await db.Assessments.Where(a => mergedIds.Contains(a.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.CustomerId, survivorId), cancellationToken);
        await db.Changes.Where(c => mergedIds.Contains(c.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, survivorId), cancellationToken);
        await db.Aliases.Where(a => mergedIds.Contains(a.SurvivorId)).ExecuteUpdateAsync(s => s.SetProperty(a => a.SurvivorId, survivorId), cancellationToken);

        // An invoice both customers reported overdue (the ERP had the duplicate too) counts once.
        await db.OverdueInvoices
            .Where(i => mergedIds.Contains(i.CustomerId) && db.OverdueInvoices.Any(s => s.CustomerId == survivorId && s.InvoiceId == i.InvoiceId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.OverdueInvoices.Where(i => mergedIds.Contains(i.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.CustomerId, survivorId), cancellationToken);
    }
}

public sealed record MergeRequest(IReadOnlyList<Guid> MergedIds);
