using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Commitments;

public static class CommitmentApi
{
    public static IEndpointRouteBuilder MapCommitmentApi(this IEndpointRouteBuilder app)
    {
        var commitments = app.MapGroup("/api/commitments").WithTags("Commitments");
        commitments.MapPost("/", CreateCommitment).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics)
            .WithName(nameof(CreateCommitment))
            .WithSummary("Record a promise made to a customer")
            .WithDescription("Body: { customerId, description, ownerId? (defaults to the caller), dueAt (future, ISO 8601 with offset), interactionId? (an interaction of that customer), ticketId? (a ticket of that customer) }. Publishes CommitmentCreated; CommitmentOverdue follows once if it passes dueAt while open.")
            .Accepts<CommitmentRequest>("application/json")
            .Produces<CommitmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        commitments.MapGet("/{id:guid}", GetCommitment).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics).OwnCustomersOnly("commitment", (db, id) => db.Commitments.Where(c => c.Id == id).Select(c => c.CustomerId))
            .WithName(nameof(GetCommitment))
            .WithSummary("One commitment, with its ETag")
            .Produces<CommitmentResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        commitments.MapGet("/", ListCommitments).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics)
            .WithName(nameof(ListCommitments))
            .WithSummary("Commitments, soonest due first")
            .WithDescription("Filters: ownerId, customerId, status (open|overdue|completed|cancelled; repeatable), dueBefore, limit (1-200, default 50), cursor. 'overdue' is open past its due time; 'open' includes overdue ones.")
            .Produces<CommitmentPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        commitments.MapPatch("/{id:guid}", ChangeCommitment).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics).OwnCustomersOnly("commitment", (db, id) => db.Commitments.Where(c => c.Id == id).Select(c => c.CustomerId))
            .WithName(nameof(ChangeCommitment))
            .WithSummary("Reword, reassign or reschedule an open commitment")
            .WithDescription("Body (application/merge-patch+json): any of { description, ownerId, dueAt }. Requires If-Match. A commitment already reported overdue is not reported again.")
            .Accepts<CommitmentRequest>("application/merge-patch+json")
            .Produces<CommitmentResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        commitments.MapPost("/{id:guid}/complete", CompleteCommitment).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics).OwnCustomersOnly("commitment", (db, id) => db.Commitments.Where(c => c.Id == id).Select(c => c.CustomerId))
            .WithName(nameof(CompleteCommitment))
            .WithSummary("Mark a promise kept")
            .WithDescription("Body: { note? }. If-Match is optional; when given it must be current. Publishes CommitmentCompleted (onTime says whether it was kept by dueAt).")
            .Accepts<CompleteCommitmentRequest>("application/json")
            .Produces<CommitmentResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        commitments.MapPost("/{id:guid}/cancel", CancelCommitment).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.SupportAgent, CrmRoles.Accounting, CrmRoles.Logistics).OwnCustomersOnly("commitment", (db, id) => db.Commitments.Where(c => c.Id == id).Select(c => c.CustomerId))
            .WithName(nameof(CancelCommitment))
            .WithSummary("Withdraw a promise, saying why")
            .WithDescription("Body: { reason }. If-Match is optional; when given it must be current. Publishes CommitmentCancelled.")
            .Accepts<CancelCommitmentRequest>("application/json")
            .Produces<CommitmentResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> CreateCommitment(HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        var input = CommitmentInput.Read(body!, now, errors);
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

        if (input.InteractionId is { } interactionId && !await db.Interactions.AnyAsync(i => i.Id == interactionId && i.CustomerId == customer.Id, cancellationToken))
        {
            errors.Add("interactionId", "No interaction of this customer has this id.");
        }

        var ticketSource = input.TicketId?.ToString();
        if (ticketSource is not null && !await db.Timeline.AnyAsync(e => e.Kind == TimelineKind.TicketOpened && e.SourceId == ticketSource && e.CustomerId == customer.Id, cancellationToken))
        {
            errors.Add("ticketId", "No ticket of this customer has this id. A ticket opened a moment ago may take a second to reach this service: try again.");
        }

        var actor = Actor.Of(http);
        var ownerId = Actor.GivenOrCaller(input.OwnerId, http);
        if (ownerId is null)
        {
            errors.Add("ownerId", "Required: who keeps the promise.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var commitment = new Commitment
        {
            Id = Guid.CreateVersion7(),
            CustomerId = customer.Id,
            Description = input.Description,
            OwnerId = ownerId!,
            DueAt = input.DueAt.ToPostgresPrecision(),
            InteractionId = input.InteractionId,
            TicketId = input.TicketId,
            Status = CommitmentStatus.Open,
            CreatedAt = now,
            CreatedBy = actor,
        };
        db.Commitments.Add(commitment);
        db.AddToTimeline(commitment.CustomerId, now, TimelineKind.CommitmentCreated, commitment.Id.ToString(),
            $"Promised by {commitment.DueAt:yyyy-MM-dd HH:mm} UTC: {commitment.Description}", null,
            new { commitmentId = commitment.Id, commitment.OwnerId, commitment.DueAt, commitment.InteractionId, commitment.TicketId });
        db.AddEvent(new CommitmentCreated
        {
            CommitmentId = commitment.Id,
            CustomerId = commitment.CustomerId,
            Description = commitment.Description,
            OwnerId = commitment.OwnerId,
            DueAt = commitment.DueAt,
            InteractionId = commitment.InteractionId,
            TicketId = commitment.TicketId,
            CreatedBy = actor,
            CreatedAt = now,
        }, commitment.CustomerId, now);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(commitment.Version);
        return TypedResults.Created($"/api/commitments/{commitment.Id}", CommitmentResponse.From(commitment, now));
    }

    public static async Task<IResult> GetCommitment(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commitment is null)
        {
            return Problems.NotFound("commitment", id);
        }

        http.Response.Headers.ETag = ETags.For(commitment.Version);
        return TypedResults.Ok(CommitmentResponse.From(commitment, clock.GetUtcNow()));
    }

    public static async Task<Results<Ok<CommitmentPage>, ProblemHttpResult>> ListCommitments(HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (filter, errors) = CommitmentFilter.Read(http.Request.Query);
        return filter is null
            ? Problems.Validation(errors.ToDictionary())
            : TypedResults.Ok(await filter.RunAsync(db, clock.GetUtcNow(), OwnCustomers.LimitedTo(http), cancellationToken));
    }

    public static async Task<IResult> ChangeCommitment(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await CommitmentChanges.ChangeAsync(id, http, db, clock, cancellationToken);

    public static async Task<IResult> CompleteCommitment(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await CommitmentChanges.CloseAsync(id, CommitmentStatus.Completed, http, db, clock, cancellationToken);

    public static async Task<IResult> CancelCommitment(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        await CommitmentChanges.CloseAsync(id, CommitmentStatus.Cancelled, http, db, clock, cancellationToken);
}
