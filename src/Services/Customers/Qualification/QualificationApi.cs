using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Duplicates;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Customers.Qualification;

public static class QualificationApi
{
    private static readonly string[] _criteria = ["profileFit", "purchaseCapacity", "paymentCapacity", "retentionWorth"];

    public static RouteGroupBuilder MapQualificationApi(this RouteGroupBuilder customers)
    {
        customers.MapPost("/{id:guid}/qualifications", Qualify).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep)
            .WithName(nameof(Qualify))
            .WithSummary("Assess a customer: fit, purchase capacity, payment capacity, retention worth (0–100 each)")
            .WithDescription("Score = 30% fit + 25% purchase + 25% payment + 20% retention; decision qualified (≥70), nurture (≥40) or disqualified (below, or fit or payment under 20). Payment capacity is capped while accounting reports overdue invoices (1: 40, 2: 20, 3+: 0). Publishes CustomerQualified.")
            .Accepts<QualifyRequest>("application/json")
            .Produces<AssessmentResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        customers.MapGet("/{id:guid}/qualifications", ListAssessments).RequireRoles(CrmRoles.SalesManager, CrmRoles.SalesRep, CrmRoles.Analyst)
            .WithName(nameof(ListAssessments))
            .WithSummary("Every assessment of a customer, newest first")
            .Produces<List<AssessmentResponse>>();
        return customers;
    }

    public static async Task<IResult> Qualify(Guid id, HttpContext http, CustomersDbContext db, CustomerCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return problem;
        }

        var errors = new FieldErrors();
        foreach (var (name, _) in body!)
        {
            if (!_criteria.Contains(name) && name != "notes")
            {
                errors.Add(Text.Shorten(name), "Unknown field.");
            }
        }

        var values = new int[_criteria.Length];
        for (var i = 0; i < _criteria.Length; i++)
        {
            if (body[_criteria[i]] is null)
            {
                errors.Add(_criteria[i], "Required: 0 to 100.");
            }
            else if (JsonFields.Integer(body[_criteria[i]], _criteria[i], errors, out var value))
            {
                if (value is < 0 or > 100)
                {
                    errors.Add(_criteria[i], "Must be between 0 and 100.");
                }
                else
                {
                    values[i] = value!.Value;
                }
            }
        }

        JsonFields.String(body["notes"], "notes", errors, out var rawNotes);
        var notes = Text.Clean(rawNotes, "notes", CustomerLimits.Notes, errors, multiline: true);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        var assessment = Qualifier.Assess(db, customer, values[0], values[1], values[2], values[3], "seller", Actor.Of(http), notes, clock.GetUtcNow().ToPostgresPrecision());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the customer in between; an assessment overwrites nothing of theirs, so ask for a plain retry.
            return Problems.Conflict("concurrent-change", "The customer changed while it was being assessed.", "Send the assessment again.");
        }

        await cache.InvalidateAsync(customer.Id, customer.Version);
        return TypedResults.Created($"/api/customers/{id}/qualifications", AssessmentResponse.From(assessment));
    }

    public static async Task<IResult> ListAssessments(Guid id, HttpContext http, CustomersDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return await MergedCustomers.AnswerMissingAsync(http, db, id, cancellationToken);
        }

        var assessments = await db.Assessments.AsNoTracking().Where(a => a.CustomerId == id)
            .OrderByDescending(a => a.AssessedAt).ThenByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(assessments.Select(AssessmentResponse.From).ToList());
    }
}

public sealed record QualifyRequest(int ProfileFit, int PurchaseCapacity, int PaymentCapacity, int RetentionWorth, string? Notes);

public sealed record AssessmentResponse(
    Guid Id, int ProfileFit, int PurchaseCapacity, int PaymentCapacityAssessed, int PaymentCapacity, int RetentionWorth,
    int Score, string Decision, string Source, string? AssessedBy, string? Notes, DateTimeOffset AssessedAt)
{
    public static AssessmentResponse From(QualificationAssessment a) => new(
        a.Id, a.ProfileFit, a.PurchaseCapacity, a.PaymentCapacityAssessed, a.PaymentCapacity, a.RetentionWorth,
        a.Score, a.Decision, a.Source, a.AssessedBy, a.Notes, a.AssessedAt);
}
