using System.Text.Json.Nodes;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Value;
using CrmPlatform.Contracts.Analytics;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrmPlatform.Analytics.Purchases;

public static class PurchaseApi
{
    public static IEndpointRouteBuilder MapPurchaseApi(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/analytics").WithTags("Analytics");
        analytics.MapPost("/purchases", RecordPurchases).RequireRoles(CrmRoles.Accounting)
            .WithName(nameof(RecordPurchases))
            .WithSummary("Record a batch of purchases, each accepted, duplicate or rejected on its own")
            .WithDescription($$"""
                Body: a JSON array of up to {{PurchaseLimits.BatchRows}} purchases { purchaseId, customerId, occurredAt (ISO 8601 with
                offset), amount (value at list prices, ≥ 0), currency (ISO 4217), discountAmount? (≤ amount), costAmount?, itemCount?,
                channel?, paymentMethod? }. Idempotent on purchaseId: a purchase id already stored answers duplicate. A row with bad
                fields or an unknown customer is rejected with its reasons and only that row. Publishes PurchaseAccepted for each
                accepted purchase.
                """)
            .Accepts<IReadOnlyList<PurchaseRequest>>("application/json")
            .Produces<PurchaseBatchResult>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapPost("/purchases/history", LoadPurchaseHistory).RequireRoles(CrmRoles.Accounting)
            .WithMetadata(new BodySizeLimit(null)) // a history is as large as the ERP's; it is streamed, never held
            .WithName(nameof(LoadPurchaseHistory))
            .WithSummary("Load purchase history from CSV, in bulk")
            .WithDescription("""
                Body: text/csv (UTF-8, comma separated, RFC 4180 quoting) whose header names the columns, in any order: purchaseId,
                customerId, occurredAt, amount and currency are required; discountAmount, costAmount, itemCount, channel and
                paymentMethod may be given. occurredAt may be a date (midnight UTC). Same rules as the JSON path, but no event is
                published (a history load would flood the other services). Answers counts and the first 100 rejected lines.
                """)
            .Accepts<string>("text/csv")
            .Produces<PurchaseHistoryResult>()
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        analytics.MapGet("/customers/{id:guid}/purchases", ListCustomerPurchases).RequireRoles(CrmRoles.SalesManager, CrmRoles.Analyst, CrmRoles.Accounting)
            .WithName(nameof(ListCustomerPurchases))
            .WithSummary("A customer's purchases, newest first")
            .WithDescription("Filters: from, to (occurredAt in [from, to)), limit (1-200, default 50), cursor (the nextCursor of the previous page).")
            .Produces<PurchasePage>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Ok<PurchaseBatchResult>, ProblemHttpResult>> RecordPurchases(
        HttpContext http, AnalyticsDbContext db, PurchaseChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (rows, problem) = await JsonBody.ReadArrayAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        if (rows!.Count > PurchaseLimits.BatchRows)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["body"] = [$"At most {PurchaseLimits.BatchRows} purchases per request (got {rows.Count}); load history as CSV at /api/analytics/purchases/history."],
            });
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var results = new PurchaseRowResult?[rows.Count];
        var valid = new List<(int Index, PurchaseInput Input)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var errors = new FieldErrors();
            var input = PurchaseInput.Read(rows[i], now, errors);
            if (input is null)
            {
                results[i] = new PurchaseRowResult(i, RawPurchaseId(rows[i]), PurchaseRowResult.Rejected, errors.ToDictionary());
            }
            else
            {
                valid.Add((i, input));
            }
        }

        var live = await db.LiveIdsAsync([.. valid.Select(v => v.Input.CustomerId).Distinct()], cancellationToken);
        var facts = new List<(int Index, PurchaseFact Fact)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (index, input) in valid)
        {
            if (!live.TryGetValue(input.CustomerId, out var customerId))
            {
                results[index] = new PurchaseRowResult(index, input.PurchaseId, PurchaseRowResult.Rejected, new Dictionary<string, string[]>
                {
                    ["customerId"] = ["No customer has this id. A customer registered a moment ago may take a second to reach analytics: try again."],
                });
            }
            else if (!seen.Add(input.PurchaseId))
            {
                results[index] = new PurchaseRowResult(index, input.PurchaseId, PurchaseRowResult.Duplicate, null);
            }
            else
            {
                facts.Add((index, Fact(input, customerId, PurchaseSource.Api, now)));
            }
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var inserted = await db.InsertNewAsync([.. facts.Select(f => f.Fact)], cancellationToken);
            foreach (var (index, fact) in facts)
            {
                var accepted = inserted.Contains(fact.PurchaseId);
                results[index] = new PurchaseRowResult(index, fact.PurchaseId, accepted ? PurchaseRowResult.Accepted : PurchaseRowResult.Duplicate, null);
                if (accepted)
                {
                    db.AddEvent(Accepted(fact), fact.CustomerId, fact.OccurredAt);
                }
            }

            await db.RefreshAsync([.. facts.Where(f => inserted.Contains(f.Fact.PurchaseId)).Select(f => f.Fact.CustomerId)], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (facts.Count > 0)
        {
            await changes.ChangedAsync();
        }

        var answers = results.Select(r => r!).ToList();
        return TypedResults.Ok(new PurchaseBatchResult(
            answers.Count(r => r.Status == PurchaseRowResult.Accepted),
            answers.Count(r => r.Status == PurchaseRowResult.Duplicate),
            answers.Count(r => r.Status == PurchaseRowResult.Rejected),
            answers));
    }

    public static async Task<Results<Ok<PurchaseHistoryResult>, ProblemHttpResult>> LoadPurchaseHistory(
        HttpContext http, AnalyticsDbContext db, PurchaseChanges changes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var contentType = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (contentType != "text/csv")
        {
            return Problems.UnsupportedMediaType("Send the body as text/csv.");
        }

        // History loads are large by nature: millions of lines stream through COPY, never held in memory.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        var (result, errors) = await PurchaseHistoryLoader.LoadAsync(db, reader, clock.GetUtcNow().ToPostgresPrecision(), cancellationToken);
        if (result is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (result.Accepted > 0)
        {
            await changes.ChangedAsync();
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<Ok<PurchasePage>, ProblemHttpResult>> ListCustomerPurchases(
        Guid id, HttpContext http, AnalyticsDbContext db, CancellationToken cancellationToken)
    {
        var (filter, errors) = PurchaseFilter.Read(http.Request.Query);
        if (filter is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var live = await db.LiveIdsAsync([id], cancellationToken);
        return live.TryGetValue(id, out var customerId)
            ? TypedResults.Ok(await filter.RunAsync(db, customerId, cancellationToken))
            : Problems.NotFound("customer", id);
    }

    /// <summary>The purchase id of a rejected row as sent, when it is a string, so the caller can match the answer.</summary>
    private static string? RawPurchaseId(JsonNode? row) =>
        (row as JsonObject)?["purchaseId"] is JsonValue value && value.TryGetValue(out string? raw) ? Text.Shorten(raw) : null;

    internal static PurchaseFact Fact(PurchaseInput input, Guid customerId, PurchaseSource source, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        PurchaseId = input.PurchaseId,
        CustomerId = customerId,
        OccurredAt = input.OccurredAt.ToPostgresPrecision(),
        Amount = input.Amount,
        Currency = input.Currency,
        DiscountAmount = input.DiscountAmount,
        CostAmount = input.CostAmount,
        ItemCount = input.ItemCount,
        Channel = input.Channel,
        PaymentMethod = input.PaymentMethod,
        Source = source,
        RecordedAt = now,
    };

    private static PurchaseAccepted Accepted(PurchaseFact p) => new()
    {
        PurchaseId = p.PurchaseId,
        CustomerId = p.CustomerId,
        OccurredAt = p.OccurredAt,
        Amount = p.Amount,
        Currency = p.Currency,
        DiscountAmount = p.DiscountAmount,
        CostAmount = p.CostAmount,
        ItemCount = p.ItemCount,
        Channel = p.Channel,
        PaymentMethod = p.PaymentMethod,
    };
}

/// <summary>One row of <c>POST /api/analytics/purchases</c>, for the API reference (rows are read field by field).</summary>
public sealed record PurchaseRequest(
    string PurchaseId, Guid CustomerId, DateTimeOffset OccurredAt, decimal Amount, string Currency, decimal? DiscountAmount,
    decimal? CostAmount, int? ItemCount, string? Channel, string? PaymentMethod);
