using System.Text.Json;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.History;

public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder customers)
    {
        customers.MapGet("/{id:guid}/history", GetHistory).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep)
            .WithName(nameof(GetHistory))
            .WithSummary("Every change of a customer, newest first")
            .WithDescription("Who, when, which field, old → new (JSON values). Paged: pass nextCursor back as cursor. limit 1–500 (default 100).")
            .Produces<HistoryPage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return customers;
    }

    public static async Task<IResult> GetHistory(Guid id, HttpContext http, CustomersDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var take = limit ?? 100;
        if (take is < 1 or > 500)
        {
            errors["limit"] = ["Must be between 1 and 500."];
        }

        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position) && position > 0)
            {
                before = position;
            }
            else
            {
                errors["cursor"] = ["Not a cursor of this list: pass nextCursor from the previous page as it is."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        var query = db.Changes.AsNoTracking().Where(c => c.CustomerId == id);
        if (before is { } b)
        {
            query = query.Where(c => c.Id < b);
        }

        var rows = await query.OrderByDescending(c => c.Id).Take(take + 1).ToListAsync(cancellationToken);
        var items = rows.Take(take).Select(c => new HistoryEntry(
            c.ChangedAt, c.ChangedBy, c.Operation, c.Field, Parse(c.OldValue), Parse(c.NewValue))).ToList();
        var next = rows.Count > take ? rows[take - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new HistoryPage(items, next));
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record HistoryEntry(DateTimeOffset ChangedAt, string ChangedBy, string Operation, string Field, JsonElement? OldValue, JsonElement? NewValue);

public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, string? NextCursor);
