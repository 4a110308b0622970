using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using CrmPlatform.ServiceDesk.Calendars;
using CrmPlatform.ServiceDesk.Policies;
using Microsoft.Extensions.Options;

namespace CrmPlatform.ServiceDesk.Tickets;

/// <summary>
/// Changes of an existing ticket. Each runs in a transaction holding the ticket's row lock (see
/// <see cref="TicketStore.LoadForUpdateAsync"/>), checks If-Match, applies the change to the workflow
/// and the SLA clock, publishes what happened, and fires any SLA moment the change makes due (a late
/// first reply or resolution is a breach at once, not at the next sweep).
/// </summary>
public static class TicketChanges
{
    private static readonly string[] _patchFields = ["priority", "queue", "assigneeId", "subject", "tags"];

    public static async Task<IResult> PatchAsync(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return Problems.PreconditionRequired("ticket");
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/merge-patch+json", "application/json");
        if (problem is not null)
        {
            return problem;
        }

        return await ChangeAsync(id, http, db, clock, requireOpen: true, cancellationToken: cancellationToken, change: (ticket, now, actor, sla) =>
        {
            var errors = new FieldErrors();
            TicketInput.UnknownFields(body!, _patchFields, errors);
            var priority = body!.ContainsKey("priority") ? JsonValues.Enum<TicketPriority>(body["priority"], "priority", errors, required: true) : ticket.Priority;
            var queue = body.ContainsKey("queue") ? TicketInput.ReadQueue(body["queue"], errors) : ticket.Queue;
            var assignee = body.ContainsKey("assigneeId") ? TicketInput.ReadAssignee(body["assigneeId"], errors) : ticket.AssigneeId;
            var subject = body.ContainsKey("subject") ? TicketInput.ReadRequired(body["subject"], "subject", TicketLimits.Subject, false, errors) : ticket.Subject;
            var tags = body.ContainsKey("tags") ? Labels.Read(body["tags"], "tags", errors) : ticket.Tags;
            if (errors.Any)
            {
                return Problems.Validation(errors.ToDictionary());
            }

            if (queue != ticket.Queue || assignee != ticket.AssigneeId)
            {
                db.AddAssigned(ticket, ticket.Queue, ticket.AssigneeId, actor, now);
                (ticket.Queue, ticket.AssigneeId) = (queue, assignee);
            }

            ticket.Subject = subject!;
            ticket.Tags = tags;
            if (priority != ticket.Priority)
            {
                ticket.Priority = priority!.Value;
                var (policy, businessClock) = sla;
                SlaEngine.Retarget(ticket, policy, businessClock);
            }

            return null;
        });
    }

    public static async Task<IResult> ChangeStatusAsync(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, IOptions<TicketOptions> options, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        TicketInput.UnknownFields(body!, ["status", "reason"], errors);
        var target = JsonValues.Enum<TicketStatus>(body!["status"], "status", errors, required: true);
        JsonFields.String(body["reason"], "reason", errors, out var rawReason);
        var reason = Text.Clean(rawReason, "reason", TicketLimits.Comment, errors, multiline: true);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await ChangeAsync(id, http, db, clock, requireOpen: false, cancellationToken: cancellationToken, change: (ticket, now, actor, sla) =>
        {
            var from = ticket.Status;
            var to = target!.Value;
            if (!TicketWorkflow.CanMove(from, to))
            {
                return Problems.Conflict("ticket-transition-not-allowed", "The ticket cannot move there.",
                    $"A {from.ToWireName()} ticket cannot become {to.ToWireName()}.",
                    new Dictionary<string, object?> { ["currentStatus"] = from.ToWireName(), ["allowedStatuses"] = TicketWorkflow.Allowed(from).Select(s => s.ToWireName()).ToList() });
            }

            var reopen = from == TicketStatus.Resolved && to == TicketStatus.Open;
            if (reopen && ticket.ResolvedAt + options.Value.ReopenWindow < now)
            {
                return Problems.Conflict("reopen-window-passed", "The ticket can no longer be reopened.",
                    $"It was resolved at {ticket.ResolvedAt:O}; tickets reopen within {options.Value.ReopenWindow.TotalDays:0} days. Open a new ticket.");
            }

            var (policy, businessClock) = sla;
            ticket.Status = to;
            // The clock runs again when the ticket is worked on again (leaving pending, or a reopen);
            // closing a resolved ticket leaves it stopped.
            if (from is TicketStatus.Pending or TicketStatus.Resolved && to != TicketStatus.Closed)
            {
                SlaEngine.Resume(ticket, now, businessClock);
            }

            switch (to)
            {
                case TicketStatus.Pending:
                    SlaEngine.Pause(ticket, now);
                    break;
                case TicketStatus.Resolved:
                    ticket.ResolvedAt = now;
                    SlaMoments.Fire(db, ticket, now, policy, businessClock); // a late resolution is a breach now
                    SlaEngine.Pause(ticket, now); // until a reopen, if any
                    db.AddResolved(ticket, reason, actor, now);
                    break;
                case TicketStatus.Closed:
                    ticket.ClosedAt = now;
                    break;
                case TicketStatus.Open when reopen:
                    ticket.ReopenCount++;
                    ticket.ResolvedAt = null;
                    db.AddReopened(ticket, reason, actor, now);
                    break;
            }

            ticket.Sla.NextCheckAt = SlaEngine.NextCheck(ticket);
            db.AddStatusChanged(ticket, from, actor, now);
            return null;
        });
    }

    public static async Task<IResult> AddMessageAsync(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        TicketInput.UnknownFields(body!, ["kind", "body"], errors);
        var kind = JsonValues.Enum<MessageKind>(body!["kind"], "kind", errors, required: true);
        var text = TicketInput.ReadRequired(body["body"], "body", TicketLimits.Message, true, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        TicketMessage? message = null;
        var result = await ChangeAsync(id, http, db, clock, requireOpen: false, cancellationToken: cancellationToken, change: (ticket, now, actor, sla) =>
        {
            if (ticket.Status == TicketStatus.Closed)
            {
                return Problems.Conflict("ticket-closed", "The ticket is closed.", "A closed ticket takes no more messages: open a new ticket.");
            }

            message = new TicketMessage { Id = Guid.CreateVersion7(), TicketId = ticket.Id, Kind = kind!.Value, Author = actor, Body = text!, CreatedAt = now };
            db.TicketMessages.Add(message);
            if (kind == MessageKind.Reply && ticket.FirstRespondedAt is null)
            {
                ticket.FirstRespondedAt = now;
                var (policy, businessClock) = sla;
                SlaMoments.Fire(db, ticket, now, policy, businessClock); // a late first reply is a breach now
                if (ticket.Status == TicketStatus.New)
                {
                    ticket.Status = TicketStatus.Open;
                    db.AddStatusChanged(ticket, TicketStatus.New, actor, now);
                }

                ticket.Sla.NextCheckAt = SlaEngine.NextCheck(ticket);
            }

            return null;
        });
        return message is null ? result : TypedResults.Created($"/api/tickets/{id}/messages/{message.Id}", TicketMessageResponse.From(message));
    }

    public static async Task<IResult> RateAsync(Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        TicketInput.UnknownFields(body!, ["rating", "comment"], errors);
        JsonFields.Integer(body!["rating"], "rating", errors, out var rating);
        if (!errors.Has("rating") && rating is not (>= 1 and <= 5))
        {
            errors.Add("rating", "Required: 1 (very unsatisfied) to 5 (very satisfied).");
        }

        JsonFields.String(body["comment"], "comment", errors, out var rawComment);
        var comment = Text.Clean(rawComment, "comment", TicketLimits.Comment, errors, multiline: true);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await ChangeAsync(id, http, db, clock, requireOpen: false, cancellationToken: cancellationToken, change: (ticket, now, _, _) =>
        {
            if (ticket.Status is not (TicketStatus.Resolved or TicketStatus.Closed))
            {
                return Problems.Conflict("ticket-not-resolved", "The ticket is not resolved yet.", "Satisfaction is rated once the ticket is resolved.");
            }

            if (ticket.CsatRating is not null)
            {
                var twice = new FieldErrors();
                twice.Add("rating", $"This ticket was already rated ({ticket.CsatRating}) at {ticket.CsatRatedAt:O}: a ticket is rated once.");
                return Problems.Validation(twice.ToDictionary());
            }

            (ticket.CsatRating, ticket.CsatComment, ticket.CsatRatedAt) = (rating, comment, now);
            db.AddEvent(new SatisfactionRated { TicketId = ticket.Id, CustomerId = ticket.CustomerId, Rating = rating!.Value, Comment = comment, RatedAt = now }, ticket.CustomerId, now);
            return null;
        });
    }

    /// <summary>
    /// Loads and locks the ticket, checks If-Match when sent, refuses a closed ticket when
    /// <paramref name="requireOpen"/>, runs <paramref name="change"/> (a problem from it rolls everything
    /// back), bumps the version and commits.
    /// </summary>
    private static async Task<IResult> ChangeAsync(
        Guid id, HttpContext http, ServiceDeskDbContext db, TimeProvider clock, bool requireOpen,
        Func<Ticket, DateTimeOffset, string, (SlaPolicy? Policy, BusinessClock? Clock), ProblemHttpResult?> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ticket = await db.LoadForUpdateAsync(id, cancellationToken);
        if (ticket is null)
        {
            return Problems.NotFound("ticket", id);
        }

        if (ETags.Precondition(http, ticket.Version, "ticket", required: false) is { } failed)
        {
            return failed;
        }

        if (requireOpen && ticket.Status == TicketStatus.Closed)
        {
            return Problems.Conflict("ticket-closed", "The ticket is closed.", "A closed ticket does not change: open a new ticket.");
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        // The ticket's policy and calendar, loaded once for the change and the answer.
        var sla = await db.SlaOfAsync(ticket, cancellationToken);
        if (change(ticket, now, Actor.Of(http), sla) is { } refused)
        {
            return refused;
        }

        ticket.Version++;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(ticket.Version);
        return TypedResults.Ok(TicketResponse.From(ticket, now, sla.Clock));
    }
}
