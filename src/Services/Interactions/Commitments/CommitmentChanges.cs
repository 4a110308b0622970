using CrmPlatform.Contracts.Interactions;
using CrmPlatform.Integrations;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Timeline;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Commitments;

/// <summary>
/// Changes of an existing commitment. Each loads the commitment, checks the caller's If-Match and
/// the state, and saves with the version as concurrency token: two people completing the same
/// commitment at once get one success and one 409 or 412, never two events.
/// </summary>
public static class CommitmentChanges
{
    private static readonly string[] _patchFields = ["description", "ownerId", "dueAt"];

    public static async Task<IResult> ChangeAsync(Guid id, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commitment is null)
        {
            return Problems.NotFound("commitment", id);
        }

        if (ETags.Precondition(http, commitment.Version, "commitment") is { } failed)
        {
            return failed;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/merge-patch+json", "application/json");
        if (problem is not null)
        {
            return problem;
        }

        if (NotOpen(commitment) is { } closed)
        {
            return closed;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        CommitmentInput.UnknownFields(body!, _patchFields, errors);
        if (body!.ContainsKey("description") && CommitmentInput.ReadDescription(body["description"], errors) is { } description)
        {
            commitment.Description = description;
        }

        if (body.ContainsKey("ownerId"))
        {
            if (CommitmentInput.ReadOwner(body["ownerId"], errors) is { } owner)
            {
                commitment.OwnerId = owner;
            }
            else if (!errors.Has("ownerId"))
            {
                errors.Add("ownerId", "Cannot be removed: every promise has someone who keeps it.");
            }
        }

        if (body.ContainsKey("dueAt") && CommitmentInput.ReadDueAt(body["dueAt"], now, errors) is { } dueAt)
        {
            commitment.DueAt = dueAt.ToPostgresPrecision();
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        return await SaveAsync(http, db, commitment, now, cancellationToken);
    }

    public static async Task<IResult> CloseAsync(Guid id, CommitmentStatus status, HttpContext http, InteractionsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var commitment = await db.Commitments.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (commitment is null)
        {
            return Problems.NotFound("commitment", id);
        }

        if (ETags.Precondition(http, commitment.Version, "commitment", required: false) is { } failed)
        {
            return failed;
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        var field = status == CommitmentStatus.Completed ? "note" : "reason";
        CommitmentInput.UnknownFields(body!, [field], errors);
        JsonFields.String(body![field], field, errors, out var raw);
        var note = Text.Clean(raw, field, CommitmentLimits.Note, errors, multiline: true);
        if (status == CommitmentStatus.Cancelled && note is null && !errors.Has(field))
        {
            errors.Add(field, "Required: say why the promise is withdrawn.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (NotOpen(commitment) is { } closed)
        {
            return closed;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var actor = Actor.Of(http);
        commitment.Status = status;
        commitment.ClosedAt = now;
        commitment.ClosedBy = actor;
        commitment.ClosingNote = note;
        if (status == CommitmentStatus.Completed)
        {
            var onTime = now <= commitment.DueAt;
            db.AddToTimeline(commitment.CustomerId, now, TimelineKind.CommitmentCompleted, commitment.Id.ToString(),
                $"Promise kept{(onTime ? "" : " late")}: {commitment.Description}", note, new { commitmentId = commitment.Id, commitment.OwnerId, commitment.DueAt, onTime });
            db.AddEvent(new CommitmentCompleted
            {
                CommitmentId = commitment.Id, CustomerId = commitment.CustomerId, OwnerId = commitment.OwnerId, DueAt = commitment.DueAt,
                OnTime = onTime, Note = note, CompletedBy = actor, CompletedAt = now,
            }, commitment.CustomerId, now);
        }
        else
        {
            db.AddToTimeline(commitment.CustomerId, now, TimelineKind.CommitmentCancelled, commitment.Id.ToString(),
                $"Promise withdrawn: {commitment.Description}", note, new { commitmentId = commitment.Id, commitment.OwnerId, commitment.DueAt });
            db.AddEvent(new CommitmentCancelled
            {
                CommitmentId = commitment.Id, CustomerId = commitment.CustomerId, OwnerId = commitment.OwnerId,
                Reason = note!, CancelledBy = actor, CancelledAt = now,
            }, commitment.CustomerId, now);
        }

        return await SaveAsync(http, db, commitment, now, cancellationToken);
    }

    private static async Task<IResult> SaveAsync(HttpContext http, InteractionsDbContext db, Commitment commitment, DateTimeOffset now, CancellationToken cancellationToken)
    {
        commitment.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed it between our read and our write: the caller's view is stale.
            var current = await db.Commitments.AsNoTracking().Where(c => c.Id == commitment.Id).Select(c => c.Version).FirstAsync(cancellationToken);
            return Problems.PreconditionFailed("commitment", ETags.For(current));
        }

        http.Response.Headers.ETag = ETags.For(commitment.Version);
        return TypedResults.Ok(CommitmentResponse.From(commitment, now));
    }

    private static ProblemHttpResult? NotOpen(Commitment commitment) =>
        commitment.Status == CommitmentStatus.Open
            ? null
            : Problems.Conflict("commitment-closed", "The commitment is closed.",
                $"It was {commitment.Status.ToWireName()} at {commitment.ClosedAt:O}; a closed commitment does not change. Record a new one if there is a new promise.",
                new Dictionary<string, object?> { ["currentStatus"] = commitment.Status.ToWireName() });
}
