using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.History;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Lifecycle;

public static class StageApi
{
    public static RouteGroupBuilder MapStageApi(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id:guid}/stage", ChangeStage).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep)
            .WithName(nameof(ChangeStage))
            .WithSummary("Move a customer to another lifecycle stage")
            .WithDescription("Body: { stage, reason }. Allowed: lead→prospect|lost, prospect→qualified|lost, qualified→customer|prospect|lost, customer→inactive|lost, inactive→customer|lost, lost→lead; anything else is 409 (allowedStages lists the moves from the current stage). Requires If-Match. Publishes CustomerStageChanged.")
            .Accepts<ChangeStageRequest>("application/json")
            .Produces<CustomerResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return customers;
    }

    public static async Task<IResult> ChangeStage(Guid id, HttpContext http, CustomersDbContext db, CustomerCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        if (CustomerApi.Precondition(http, customer.Version) is { } failed)
        {
            return failed;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        foreach (var (name, _) in body!)
        {
            if (name is not ("stage" or "reason"))
            {
                errors.Add(Text.Shorten(name), "Unknown field.");
            }
        }

        JsonFields.String(body["stage"], "stage", errors, out var rawStage);
        JsonFields.String(body["reason"], "reason", errors, out var rawReason);
        var reason = Text.Clean(rawReason, "reason", CustomerLimits.Reason, errors, multiline: true);
        if (reason is null && !errors.Has("reason"))
        {
            errors.Add("reason", "Required: say why the customer moves.");
        }

        if (!LifecycleStages.TryParse(rawStage, out var target) && !errors.Has("stage"))
        {
            errors.Add("stage", $"Must be one of {string.Join(", ", Enum.GetValues<LifecycleStage>().Select(s => s.ToWireName()))}.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var from = customer.Stage;
        if (!LifecycleStages.CanMove(from, target))
        {
            return Problems.Conflict(
                "stage-transition-not-allowed",
                "The customer cannot move to that stage from its current one.",
                $"A {from.ToWireName()} customer can move to: {string.Join(", ", LifecycleStages.AllowedFrom(from).Select(s => s.ToWireName()))}.",
                new Dictionary<string, object?>
                {
                    ["currentStage"] = from.ToWireName(),
                    ["allowedStages"] = LifecycleStages.AllowedFrom(from).Select(s => s.ToWireName()).ToArray(),
                });
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var actor = Actor.Of(http);
        customer.Stage = target;
        customer.StageChangedAt = now;
        customer.StageReason = reason;
        customer.UpdatedAt = now;
        customer.Version++;
        db.Record(customer.Id, actor, "stage", now, "stage", Quote(from.ToWireName()), Quote(target.ToWireName()));
        db.AddEvent(new CustomerStageChanged
        {
            CustomerId = customer.Id,
            From = from.ToWireName(),
            To = target.ToWireName(),
            Reason = reason!,
            ChangedBy = actor,
            ChangedAt = now,
        }, customer.Id, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("customer", ETags.For(await CustomerApi.CurrentVersionAsync(db, id)));
        }

        await cache.InvalidateAsync(customer.Id, customer.Version);
        http.Response.Headers.ETag = ETags.For(customer.Version);
        return TypedResults.Ok(CustomerResponse.From(customer));
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}

public sealed record ChangeStageRequest(string Stage, string Reason);
