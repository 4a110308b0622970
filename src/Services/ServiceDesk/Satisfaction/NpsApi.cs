using CrmPlatform.Contracts.ServiceDesk;
using CrmPlatform.Integrations;
using CrmPlatform.Messaging.Outbox;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Customers;
using CrmPlatform.ServiceDesk.Infrastructure;
using CrmPlatform.ServiceDesk.Tickets;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Satisfaction;

public sealed record NpsRequest(Guid CustomerId, Guid? ContactId, int Score, string? Comment, DateTimeOffset? RespondedAt);

public sealed record NpsResponseView(Guid Id, Guid CustomerId, Guid? ContactId, int Score, string Category, string? Comment, DateTimeOffset RespondedAt)
{
    public static NpsResponseView From(NpsResponse r) => new(r.Id, r.CustomerId, r.ContactId, r.Score, Nps.Category(r.Score), r.Comment, r.RespondedAt.ToUniversalTime());
}

/// <summary>NPS over a set of answers: % promoters (9–10) − % detractors (0–6), −100 to 100; null without answers.</summary>
public sealed record NpsSummary(int Responses, int Promoters, int Passives, int Detractors, double? Nps);

public sealed record NpsPage(NpsSummary Summary, IReadOnlyList<NpsResponseView> Items);

public static class Nps
{
    public static string Category(int score) => score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";

    public static NpsSummary Summarize(IReadOnlyCollection<int> scores)
    {
        var promoters = scores.Count(s => s >= 9);
        var detractors = scores.Count(s => s <= 6);
        return new NpsSummary(scores.Count, promoters, scores.Count - promoters - detractors, detractors,
            scores.Count == 0 ? null : Math.Round(100.0 * (promoters - detractors) / scores.Count, 1));
    }
}

public static class NpsApi
{
    public static IEndpointRouteBuilder MapNpsApi(this IEndpointRouteBuilder app)
    {
        var surveys = app.MapGroup("/api/surveys/nps").WithTags("Satisfaction");
        surveys.MapPost("/", RecordNps).RequireRoles(CrmRoles.SupportAgent, CrmRoles.Marketing)
            .WithName(nameof(RecordNps))
            .WithSummary("Record a customer's answer to 'how likely are you to recommend us' (0–10)")
            .WithDescription("Body: { customerId, contactId? (a contact of that customer), score (0–10), comment?, respondedAt? (default now; not in the future) }. Publishes NpsResponded.")
            .Accepts<NpsRequest>("application/json")
            .Produces<NpsResponseView>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        surveys.MapGet("/", ListNps).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent, CrmRoles.Analyst, CrmRoles.Marketing)
            .WithName(nameof(ListNps))
            .WithSummary("NPS answers and the NPS over them")
            .WithDescription("Filters: customerId, from, to (respondedAt in [from, to)). The summary counts every matching answer; items are the newest 200.")
            .Produces<NpsPage>()
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> RecordNps(HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var now = clock.GetUtcNow().ToPostgresPrecision();
        var errors = new FieldErrors();
        TicketInput.UnknownFields(body!, ["customerId", "contactId", "score", "comment", "respondedAt"], errors);
        var customerId = JsonValues.Guid(body!["customerId"], "customerId", errors, required: true);
        var contactId = JsonValues.Guid(body["contactId"], "contactId", errors, required: false);
        JsonFields.Integer(body["score"], "score", errors, out var score);
        if (!errors.Has("score") && score is not (>= 0 and <= 10))
        {
            errors.Add("score", "Required: 0 (not at all likely) to 10 (extremely likely).");
        }

        JsonFields.String(body["comment"], "comment", errors, out var rawComment);
        var comment = Text.Clean(rawComment, "comment", 2_000, errors, multiline: true);
        var respondedAt = JsonValues.Time(body["respondedAt"], "respondedAt", errors, required: false) ?? now;
        if (respondedAt > now.AddMinutes(5))
        {
            errors.Add("respondedAt", "Is in the future.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = await db.FindLiveAsync(customerId!.Value, cancellationToken);
        if (customer is null)
        {
            errors.Add("customerId", "No customer has this id.");
        }
        else if (contactId is { } contact && !await db.Contacts.AnyAsync(c => c.Id == contact && c.CustomerId == customer.Id, cancellationToken))
        {
            errors.Add("contactId", "Not a contact of this customer.");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var response = new NpsResponse
        {
            Id = Guid.CreateVersion7(), CustomerId = customer!.Id, ContactId = contactId, Score = score!.Value, Comment = comment,
            RespondedAt = respondedAt.ToPostgresPrecision(), RecordedBy = Actor.Of(http),
        };
        db.NpsResponses.Add(response);
        db.AddEvent(new NpsResponded
        {
            ResponseId = response.Id, CustomerId = response.CustomerId, ContactId = contactId, Score = response.Score, Comment = comment, RespondedAt = response.RespondedAt,
        }, response.CustomerId, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/surveys/nps/{response.Id}", NpsResponseView.From(response));
    }

    public static async Task<IResult> ListNps(HttpContext http, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        var reader = new QueryReader(http.Request.Query, ["customerId", "from", "to"]);
        var customerId = reader.Guid("customerId");
        var from = reader.Time("from");
        var to = reader.Time("to");
        if (reader.Errors.Any)
        {
            return Problems.Validation(reader.Errors.ToDictionary());
        }

        var query = db.NpsResponses.AsNoTracking();
        if (customerId is { } id)
        {
            var survivor = await db.Customers.Where(c => c.Id == id).Select(c => c.MergedInto).FirstOrDefaultAsync(cancellationToken) ?? id;
            query = query.Where(r => r.CustomerId == survivor);
        }

        if (from is { } start)
        {
            query = query.Where(r => r.RespondedAt >= start);
        }

        if (to is { } end)
        {
            query = query.Where(r => r.RespondedAt < end);
        }

        var counts = await query.GroupBy(r => r.Score).Select(g => new { Score = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var scores = counts.SelectMany(c => Enumerable.Repeat(c.Score, c.Count)).ToList();
        var items = await query.OrderByDescending(r => r.RespondedAt).ThenByDescending(r => r.Id).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(new NpsPage(Nps.Summarize(scores), [.. items.Select(NpsResponseView.From)]));
    }
}
