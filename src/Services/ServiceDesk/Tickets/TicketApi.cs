using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Tickets;

public static class TicketApi
{
    public static RouteGroupBuilder MapTicketApi(this IEndpointRouteBuilder app)
    {
        var tickets = app.MapGroup("/api/tickets").WithTags("Tickets");
        tickets.MapPost("/", OpenTicket).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(OpenTicket))
            .WithSummary("Open a ticket: a complaint, request, suggestion, question or incident of a customer")
            .WithDescription("Body: { customerId, contactId? (a contact of that customer), type (complaint|request|suggestion|question|incident), channel (phone|email|web_form|chat|social_network|in_person|consumer_agency), priority? (low|normal|high|urgent; default normal), subject, description, queue?, assigneeId?, tags? }. The SLA policy is chosen from the customer (strategic, segment, default) and the clock starts. Publishes TicketOpened (and TicketAssigned when queue or assignee are given).")
            .Accepts<TicketRequest>("application/json")
            .Produces<TicketResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapGet("/{id:guid}", GetTicket).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(GetTicket))
            .WithSummary("One ticket with its SLA: due times, business time remaining and breach state")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        tickets.MapGet("/", ListTickets).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(ListTickets))
            .WithSummary("Tickets, newest first")
            .WithDescription("Filters: status, type, priority (repeatable), queue, assigneeId, customerId, breach (none|warning|breached), limit (1-200, default 50), cursor.")
            .Produces<TicketPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        tickets.MapPatch("/{id:guid}", ChangeTicket).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent)
            .WithName(nameof(ChangeTicket))
            .WithSummary("Change priority, queue, assignee, subject or tags (If-Match required)")
            .WithDescription("Body (merge patch): any of { priority, queue, assigneeId, subject, tags }. A new priority takes its targets from the ticket's policy. Publishes TicketAssigned when queue or assignee change.")
            .Accepts<TicketRequest>("application/merge-patch+json")
            .Produces<TicketResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return tickets;
    }

    public static async Task<IResult> OpenTicket(HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var input = TicketInput.Read(body!, errors);
        if (input is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = await db.FindLiveAsync(input.CustomerId, cancellationToken);
        if (customer is null)
        {
            errors.Add("customerId", "No customer has this id. A customer registered a moment ago may take a second to reach the service desk: try again.");
            return Problems.Validation(errors.ToDictionary());
        }

        if (input.ContactId is { } contactId && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.CustomerId == customer.Id, cancellationToken))
        {
            errors.Add("contactId", "Not a contact of this customer.");
            return Problems.Validation(errors.ToDictionary());
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var actor = Actor.Of(http);
        var ticket = new Ticket
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            ContactId = input.ContactId,
            Type = input.Type,
            Channel = input.Channel,
            Priority = input.Priority,
            Subject = input.Subject,
            Description = input.Description,
            Queue = input.Queue,
            AssigneeId = input.AssigneeId,
            Tags = input.Tags,
            Status = TicketStatus.New,
            OpenedAt = now,
            OpenedBy = actor,
        };
        var policy = await db.PolicyForAsync(customer, cancellationToken);
        var businessClock = await db.ClockAsync(policy?.CalendarId, cancellationToken);
        SlaEngine.Start(ticket, policy, businessClock);
        db.Tickets.Add(ticket);
        db.AddOpened(ticket);
        if (ticket.Queue is not null || ticket.AssigneeId is not null)
        {
            db.AddAssigned(ticket, null, null, actor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(ticket.Version);
        return TypedResults.Created($"/api/tickets/{ticket.Id}", TicketResponse.From(ticket, now, businessClock));
    }

    public static async Task<IResult> GetTicket(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (ticket is null)
        {
            return Problems.NotFound("ticket", id);
        }

        http.Response.Headers.ETag = ETags.For(ticket.Version);
        return TypedResults.Ok(TicketResponse.From(ticket, clock.GetUtcNow(), await db.ClockAsync(ticket.Sla.CalendarId, cancellationToken)));
    }

    public static async Task<Results<Ok<TicketPage>, ProblemHttpResult>> ListTickets(HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (filter, errors) = TicketFilter.Read(http.Request.Query);
        return filter is null
            ? Problems.Validation(errors.ToDictionary())
            : TypedResults.Ok(await filter.RunAsync(db, clock.GetUtcNow(), cancellationToken));
    }

    public static Task<IResult> ChangeTicket(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        TicketChanges.PatchAsync(id, http, db, clock, cancellationToken);
}
