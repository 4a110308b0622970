using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrmPlatform.ServiceDesk.Tickets;

public sealed record ChangeStatusRequest(string Status, string? Reason);

public sealed record MessageRequest(string Kind, string Body);

public sealed record RatingRequest(int Rating, string? Comment);

public static class TicketWorkflowApi
{
    public static RouteGroupBuilder MapTicketWorkflowApi(this RouteGroupBuilder tickets)
    {
        tickets.MapPost("/{id:guid}/status", ChangeStatus).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(ChangeStatus))
            .WithSummary("Move a ticket in its workflow")
            .WithDescription("Body: { status, reason? }. new → open|pending|resolved; open → pending|resolved; pending → open|resolved; resolved → closed, or open (a reopen, within the reopen window, default 7 days); closed is final. Anything else is 409 with allowedStatuses. Pending pauses the SLA clock; leaving it resumes the clock and moves the due times. If-Match is optional; when sent it must be current. Publishes TicketStatusChanged, and TicketResolved or TicketReopened.")
            .Accepts<ChangeStatusRequest>("application/json")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapPost("/{id:guid}/messages", AddMessage).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(AddMessage))
            .WithSummary("Reply to the customer, or add an internal note")
            .WithDescription("Body: { kind (reply|note), body }. The first reply is the first response of the SLA (and opens a new ticket).")
            .Accepts<MessageRequest>("application/json")
            .Produces<TicketMessageResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/{id:guid}/messages", ListMessages).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(ListMessages))
            .WithSummary("The replies and notes of a ticket, oldest first")
            .Produces<List<TicketMessageResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapPost("/{id:guid}/satisfaction", RateTicket).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(RateTicket))
            .WithSummary("The customer's satisfaction (CSAT) with a resolved ticket, once")
            .WithDescription("Body: { rating (1–5), comment? }. 409 before the ticket is resolved; a second rating is a 422 naming rating. Publishes SatisfactionRated.")
            .Accepts<RatingRequest>("application/json")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return tickets;
    }

    public static Task<IResult> ChangeStatus(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, IOptions<TicketOptions> options, CancellationToken cancellationToken) =>
        TicketChanges.ChangeStatusAsync(id, http, db, clock, options, cancellationToken);

    public static Task<IResult> AddMessage(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TicketChanges.AddMessageAsync(id, http, db, clock, cancellationToken);

    public static async Task<IResult> ListMessages(Guid id, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Tickets.AnyAsync(t => t.Id == id, cancellationToken))
        {
            return Problems.NotFound("ticket", id);
        }

        var messages = await db.TicketMessages.AsNoTracking().Where(m => m.TicketId == id).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(1000).ToListAsync(cancellationToken);
        return TypedResults.Ok(messages.Select(TicketMessageResponse.From).ToList());
    }

    public static Task<IResult> RateTicket(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TicketChanges.RateAsync(id, http, db, clock, cancellationToken);
}
