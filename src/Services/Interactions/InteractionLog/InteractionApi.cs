using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.Interactions.InteractionLog;

public static class InteractionApi
{
    public static IEndpointRouteBuilder MapInteractionApi(this IEndpointRouteBuilder app)
    {
        var interactions = app.MapGroup("/api/interactions").WithTags("Interactions");
        interactions.MapPost("/", LogInteraction).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing)
            .WithName(nameof(LogInteraction))
            .WithSummary("Log a call, visit, meeting, e-mail, message, letter or note with a customer")
            .WithDescription("""
                Body: { customerId, type (call|visit|meeting|email|message|letter|note), direction (inbound|outbound; not for a note),
                channel (defaults by type; a message must say whatsapp|sms|chat|social_network), occurredAt (ISO 8601 with offset),
                endedAt?, employeeId? (defaults to the caller), contactIds? (contacts of that customer), subject, summary?,
                outcome? (positive|neutral|negative), tags?, departments? (who may see it: sales, support, accounting, logistics,
                marketing; default all) }. Publishes InteractionLogged and adds the interaction to the customer's timeline.
                """)
            .Accepts<InteractionRequest>("application/json")
            .Produces<InteractionResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        interactions.MapGet("/{id:guid}", GetInteraction).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing).OwnCustomersOnly("interaction", (db, id) => db.Interactions.Where(i => i.Id == id).Select(i => i.CustomerId))
            .WithName(nameof(GetInteraction))
            .WithSummary("One interaction, if the caller's departments may see it")
            .Produces<InteractionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        interactions.MapGet("/", ListInteractions).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics, CrmRoles.Marketing)
            .WithName(nameof(ListInteractions))
            .WithSummary("Interactions, newest first")
            .WithDescription("""
                Filters: customerId, type (repeatable), channel (repeatable), employeeId, department (visible to it), outcome,
                from, to (occurredAt in [from, to)), limit (1-200, default 50), cursor (the nextCursor of the previous page).
                Only interactions the caller's departments may see are listed.
                """)
            .Produces<InteractionPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<Results<Created<InteractionResponse>, ProblemHttpResult>> LogInteraction(
        HttpContext http, InteractionsDbContext db, IOptions<InteractionOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        var input = InteractionInput.Read(body!, now, options.Value.FutureTolerance, errors);
        if (input is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = await db.FindLiveAsync(input.CustomerId, cancellationToken);
        if (customer is null || !OwnCustomers.Reaches(http, customer))
        {
            errors.Add("customerId", CustomerDirectory.UnknownCustomer);
            return Problems.Validation(errors.ToDictionary());
        }

        var known = await db.ContactsOfAsync(customer.Id, input.ContactIds, cancellationToken);
        for (var i = 0; i < input.ContactIds.Count; i++)
        {
            if (!known.Contains(input.ContactIds[i]))
            {
                errors.Add($"contactIds[{i}]", "Not a contact of this customer.");
            }
        }

        var actor = Actor.Of(http);
        var employeeId = Actor.GivenOrCaller(input.EmployeeId, http);
        if (employeeId is null)
        {
            errors.Add("employeeId", "Required: who took part for us.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var interaction = new Interaction
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Type = input.Type,
            Direction = input.Direction,
            Channel = input.Channel,
            OccurredAt = input.OccurredAt.ToPostgresPrecision(),
            EndedAt = input.EndedAt?.ToPostgresPrecision(),
            EmployeeId = employeeId!,
            ContactIds = input.ContactIds,
            Subject = input.Subject,
            Summary = input.Summary,
            Outcome = input.Outcome,
            Tags = input.Tags,
            VisibleTo = input.VisibleTo,
            LoggedAt = now,
            LoggedBy = actor,
        };
        db.Interactions.Add(interaction);
        db.AddToTimeline(interaction);
        db.AddEvent(Logged(interaction), customer.Id, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/interactions/{interaction.Id}", InteractionResponse.From(interaction));
    }

    public static async Task<Results<Ok<InteractionResponse>, ProblemHttpResult>> GetInteraction(Guid id, HttpContext http, InteractionsDbContext db, CancellationToken cancellationToken)
    {
        var visible = Caller.Departments(http);

        var interaction = await db.Interactions.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id && (i.VisibleTo & visible) != 0, cancellationToken);

        // One not visible to the caller answers as one that does not exist: ids cannot be probed.
        return interaction is null
            ? Problems.NotFound("interaction", id)
            : TypedResults.Ok(InteractionResponse.From(interaction));
    }

    public static async Task<Results<Ok<InteractionPage>, ProblemHttpResult>> ListInteractions(HttpContext http, InteractionsDbContext db, CancellationToken cancellationToken)
    {
        var visible = Caller.Departments(http);

        var (filter, errors) = InteractionFilter.Read(http.Request.Query);
        if (filter is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return TypedResults.Ok(await filter.RunAsync(db, visible, OwnCustomers.LimitedTo(http), cancellationToken));
    }

    private static InteractionLogged Logged(Interaction i) => new()
    {
        InteractionId = i.Id,
        CustomerId = i.CustomerId,
        Type = i.Type.ToWireName(),
        Direction = i.Direction?.ToWireName(),
        Channel = i.Channel.ToWireName(),
        OccurredAt = i.OccurredAt,
        DurationSeconds = i.DurationSeconds,
        EmployeeId = i.EmployeeId,
        ContactIds = i.ContactIds,
        Subject = i.Subject,
        Outcome = i.Outcome?.ToWireName(),
        Tags = i.Tags,
        Departments = DepartmentNames.Names(i.VisibleTo),
        LoggedAt = i.LoggedAt,
    };
}

/// <summary>The body of <c>POST /api/interactions</c>, for the API reference (the body is read field by field).</summary>
public sealed record InteractionRequest(
    Guid CustomerId, string Type, string? Direction, string? Channel, DateTimeOffset OccurredAt, DateTimeOffset? EndedAt,
    string? EmployeeId, IReadOnlyList<Guid>? ContactIds, string Subject, string? Summary, string? Outcome,
    IReadOnlyList<string>? Tags, IReadOnlyList<string>? Departments);
