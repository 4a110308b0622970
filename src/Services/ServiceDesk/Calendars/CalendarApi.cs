using CrmPlatform.Integrations;
using CrmPlatform.ServiceDefaults;
using CrmPlatform.ServiceDefaults.Api;
using CrmPlatform.ServiceDefaults.Security;
using CrmPlatform.ServiceDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.ServiceDesk.Calendars;

public sealed record IntervalView(string Start, string End);

public sealed record CalendarResponse(Guid Id, string Name, string TimeZone, Dictionary<string, List<IntervalView>> Hours, List<DateOnly> Holidays, DateTimeOffset CreatedAt)
{
    public static CalendarResponse From(BusinessCalendar c) => new(
        c.Id, c.Name, c.TimeZone,
        c.Hours.OrderBy(h => ((int)h.Key + 6) % 7).ToDictionary(
            h => CalendarInput.WeekdayName(h.Key),
            h => h.Value.OrderBy(i => i.StartMinute).Select(i => new IntervalView(CalendarInput.Clock(i.StartMinute), CalendarInput.Clock(i.EndMinute))).ToList()),
        [.. c.Holidays.Order()], c.CreatedAt.ToUniversalTime());
}

/// <summary>The body of a calendar, for the API reference (the body is read field by field).</summary>
public sealed record CalendarRequest(string Name, string TimeZone, Dictionary<string, List<IntervalView>> Hours, List<DateOnly>? Holidays);

public static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/business-calendars").WithTags("Business calendars");
        calendars.MapPost("/", CreateCalendar).RequireRoles()
            .WithName(nameof(CreateCalendar))
            .WithSummary("Define when the desk works: hours per weekday in a time zone, and holidays")
            .WithDescription("Body: { name, timeZone (IANA), hours: { monday: [{ start: \"09:00\", end: \"12:00\" }, { start: \"13:00\", end: \"18:00\" }], … }, holidays: [\"2026-12-25\"] }. Overlapping hours of a day are a 422 naming the interval. SLA clocks run only in this time, across daylight-saving changes.")
            .Accepts<CalendarRequest>("application/json")
            .Produces<CalendarResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        calendars.MapGet("/", ListCalendars).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent).WithName(nameof(ListCalendars)).WithSummary("All business calendars").Produces<List<CalendarResponse>>();
        calendars.MapGet("/{id:guid}", GetCalendar).RequireRoles(CrmRoles.SalesManager, CrmRoles.SupportAgent).WithName(nameof(GetCalendar)).WithSummary("One business calendar, with its ETag")
            .Produces<CalendarResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        calendars.MapPut("/{id:guid}", ReplaceCalendar).RequireRoles()
            .WithName(nameof(ReplaceCalendar))
            .WithSummary("Replace a business calendar (If-Match required)")
            .WithDescription("Applies from now on: to new tickets and to due times recomputed when a ticket's clock resumes or its priority changes.")
            .Accepts<CalendarRequest>("application/json")
            .Produces<CalendarResponse>()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static async Task<IResult> CreateCalendar(HttpContext http, ServiceDeskDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (input, problem) = await ReadAsync(http, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        if (await db.Calendars.AnyAsync(c => c.Name == input.Name, cancellationToken))
        {
            return Problems.Conflict("duplicate-calendar-name", "A calendar has this name.", $"'{input.Name}' is taken: choose another name or change that calendar.");
        }

        var calendar = new BusinessCalendar
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name,
            TimeZone = input.TimeZone,
            Hours = input.Hours,
            Holidays = input.Holidays,
            CreatedAt = clock.GetUtcNow().ToPostgresPrecision(),
        };
        db.Calendars.Add(calendar);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = ETags.For(calendar.Version);
        return TypedResults.Created($"/api/business-calendars/{calendar.Id}", CalendarResponse.From(calendar));
    }

    public static async Task<IResult> ListCalendars(ServiceDeskDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Calendars.AsNoTracking().OrderBy(c => c.Name).Take(500).ToListAsync(cancellationToken)).Select(CalendarResponse.From).ToList());

    public static async Task<IResult> GetCalendar(Guid id, HttpContext http, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        var calendar = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
        {
            return Problems.NotFound("business calendar", id);
        }

        http.Response.Headers.ETag = ETags.For(calendar.Version);
        return TypedResults.Ok(CalendarResponse.From(calendar));
    }

    public static async Task<IResult> ReplaceCalendar(Guid id, HttpContext http, ServiceDeskDbContext db, CancellationToken cancellationToken)
    {
        var calendar = await db.Calendars.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (calendar is null)
        {
            return Problems.NotFound("business calendar", id);
        }

        if (ETags.Precondition(http, calendar.Version, "business calendar") is { } failed)
        {
            return failed;
        }

        var (input, problem) = await ReadAsync(http, cancellationToken);
        if (input is null)
        {
            return problem!;
        }

        if (await db.Calendars.AnyAsync(c => c.Name == input.Name && c.Id != id, cancellationToken))
        {
            return Problems.Conflict("duplicate-calendar-name", "A calendar has this name.", $"'{input.Name}' is taken: choose another name.");
        }

        calendar.Name = input.Name;
        calendar.TimeZone = input.TimeZone;
        calendar.Hours = input.Hours;
        calendar.Holidays = input.Holidays;
        calendar.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.PreconditionFailed("business calendar", ETags.For(await db.Calendars.AsNoTracking().Where(c => c.Id == id).Select(c => c.Version).FirstAsync(cancellationToken)));
        }

        http.Response.Headers.ETag = ETags.For(calendar.Version);
        return TypedResults.Ok(CalendarResponse.From(calendar));
    }

    private static async Task<(CalendarInput? Input, IResult? Problem)> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, cancellationToken, "application/json");
        if (problem is not null)
        {
            return (null, problem);
        }

        var errors = new FieldErrors();
        var input = CalendarInput.Read(body!, errors);
        return input is null ? (null, Problems.Validation(errors.ToDictionary())) : (input, null);
    }
}
