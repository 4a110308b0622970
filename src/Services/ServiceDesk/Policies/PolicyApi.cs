using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Policies;

public sealed record TargetView(int FirstResponseMinutes, int ResolutionMinutes);

public sealed record PolicyResponse(
    Guid Id, string Name, Guid CalendarId, object AppliesTo, Dictionary<string, TargetView> Targets, int WarningPercent, object Escalation, DateTimeOffset CreatedAt)
{
    public static PolicyResponse From(SlaPolicy p) => new(
        p.Id, p.Name, p.CalendarId, new { strategic = p.ForStrategic, segment = p.ForSegment },
        p.Targets.OrderByDescending(t => t.Key).ToDictionary(t => t.Key.ToWireName(), t => new TargetView(t.Value.FirstResponseMinutes, t.Value.ResolutionMinutes)),
        p.WarningPercent, new { raisePriority = p.EscalateRaisesPriority, moveToQueue = p.EscalateToQueue }, p.CreatedAt.ToUniversalTime());
}

/// <summary>The body of a policy, for the API reference (the body is read field by field).</summary>
public sealed record PolicyRequest(string Name, Guid CalendarId, object? AppliesTo, Dictionary<string, TargetView> Targets, int? WarningPercent, object? Escalation);

public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/sla-policies").WithTags("SLA policies");
        policies.MapPost("/", CreatePolicy).RequireRoles()
            .WithName(nameof(CreatePolicy))
            .WithSummary("Define promised times per priority, in a calendar's business time")
            .WithDescription("Body: { name, calendarId, appliesTo?: { strategic } | { segment }, targets: { urgent|high|normal|low: { firstResponseMinutes, resolutionMinutes } } (all four), warningPercent? (50–99, default 80), escalation?: { raisePriority, moveToQueue } }. One default policy, one for strategic accounts and one per segment (409 otherwise). A new ticket takes the strategic policy for a strategic account, else its segment's, else the default.")
            .Accepts<PolicyRequest>("application/json")
            .Produces<PolicyResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        policies.MapGet("/", ListPolicies).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent).WithName(nameof(ListPolicies)).WithSummary("All SLA policies").Produces<List<PolicyResponse>>();
        policies.MapGet("/{id:guid}", GetPolicy).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent).WithName(nameof(GetPolicy)).WithSummary("One SLA policy, with its ETag")
            .Produces<PolicyResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPut("/{id:guid}", ReplacePolicy).RequireRoles()
            .WithName(nameof(ReplacePolicy))
            .WithSummary("Replace an SLA policy (If-Match required)")
            .WithDescription("Applies to tickets opened from now on, and to open tickets' targets when their priority changes.")
            .Accepts<PolicyRequest>("application/json")
            .Produces<PolicyResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> CreatePolicy(HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadAsync(http, db, null, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        var policy = new SlaPolicy { Id = Guid.CreateVersion7(), Name = input.Name, CreatedAt = clock.GetUtcNow().ToPostgresPrecision() };
        Apply(policy, input);
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(policy.Version);
        return TypedResults.Created($"/api/sla-policies/{policy.Id}", PolicyResponse.From(policy));
    }

    public static async Task<IResult> ListPolicies(ServiceDeskDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.SlaPolicies.AsNoTracking().OrderBy(p => p.Name).Take(500).ToListAsync(cancellationToken)).Select(PolicyResponse.From).ToList());

    public static async Task<IResult> GetPolicy(Guid id, HttpContext http, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("SLA policy", id);
        }

        http.Response.Headers.ETag = ETags.For(policy.Version);
        return TypedResults.Ok(PolicyResponse.From(policy));
    }

    public static async Task<IResult> ReplacePolicy(Guid id, HttpContext http, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return Problems.NotFound("SLA policy", id);
        }

        if (ETags.Precondition(http, policy.Version, "SLA policy") is { } failed)
        {
            return failed;
        }

        var (input, problem) = await ReadAsync(http, db, id, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        Apply(policy, input);
        policy.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("SLA policy", ETags.For(await db.SlaPolicies.AsNoTracking().Where(p => p.Id == id).Select(p => p.Version).FirstAsync(cancellationToken)));
        }

        http.Response.Headers.ETag = ETags.For(policy.Version);
        return TypedResults.Ok(PolicyResponse.From(policy));
    }

    private static void Apply(SlaPolicy policy, PolicyInput input)
    {
        policy.Name = input.Name;
        policy.CalendarId = input.CalendarId;
        policy.ForStrategic = input.ForStrategic;
        policy.ForSegment = input.ForSegment;
        policy.Targets = input.Targets;
        policy.WarningPercent = input.WarningPercent;
        policy.EscalateRaisesPriority = input.EscalateRaisesPriority;
        policy.EscalateToQueue = input.EscalateToQueue;
    }

    /// <summary>The input, or the 4xx: fields (422), an unknown calendar (422), a taken name or scope (409).</summary>
    private static async Task<(PolicyInput? Input, IResult? Problem)> ReadAsync(HttpContext http, ServiceDeskDbContext db, Guid? id, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = new FieldErrors();
        var input = PolicyInput.Read(body!, errors);
        if (input is not null && !await db.Calendars.AnyAsync(c => c.Id == input.CalendarId, cancellationToken))
        {
            errors.Add("calendarId", "No business calendar has this id.");
        }

        if (errors.Any)
        {
            return (null, Problems.Validation(errors.ToDictionary()));
        }

        var others = db.SlaPolicies.Where(p => p.Id != id);
        if (await others.AnyAsync(p => p.Name == input!.Name, cancellationToken))
        {
            return (null, Problems.Conflict("duplicate-policy-name", "A policy has this name.", $"'{input!.Name}' is taken."));
        }

        if (await others.AnyAsync(p => p.ForStrategic == input!.ForStrategic && p.ForSegment == input.ForSegment, cancellationToken))
        {
            var scope = input!.ForStrategic ? "strategic accounts" : input.ForSegment is { } segment ? $"segment '{segment}'" : "everyone (the default)";
            return (null, Problems.Conflict("policy-scope-taken", "Another policy already applies to the same customers.", $"A policy for {scope} exists: change it instead."));
        }

        return (input, null);
    }
}
