using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.Interactions.Visibility;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.InteractionLog;

/// <summary>The filters of <c>GET /api/interactions</c>, read from the query string, and the page they select.</summary>
public sealed record InteractionFilter(
    Guid? CustomerId,
    List<InteractionType> Types,
    List<InteractionChannel> Channels,
    string? EmployeeId,
    Departments? Department,
    InteractionOutcome? Outcome,
    DateTimeOffset? From,
    DateTimeOffset? To,
    int Limit,
    (DateTimeOffset At, Guid Id)? After)
{
    private const string Sort = "-occurredAt";

    public static (InteractionFilter? Filter, FieldErrors Errors) Read(IQueryCollection query)
    {
        var reader = new QueryReader(query, ["customerId", "employeeId", "department", "outcome", "from", "to"], ["type", "channel"]);
        var customerId = reader.Guid("customerId");
        var types = reader.Enums<InteractionType>("type");
        var channels = reader.Enums<InteractionChannel>("channel");
        var employeeId = reader.String("employeeId", InteractionLimits.ShortText);
        Departments? department = null;
        if (reader.String("department", 20) is { } name)
        {
            if (DepartmentNames.TryParse(name, out var parsed))
            {
                department = parsed;
            }
            else
            {
                reader.Errors.Add("department", $"'{Text.Shorten(name)}' is not one of {DepartmentNames.Choices}.");
            }
        }

        var outcome = reader.Enum<InteractionOutcome>("outcome");
        var from = reader.Time("from");
        var to = reader.Time("to");
        if (from is not null && to is not null && to <= from)
        {
            reader.Errors.Add("to", "Must be after from.");
        }

        var limit = reader.Limit();
        var filter = new InteractionFilter(customerId, types, channels, employeeId, department, outcome, from, to, limit, null);
        filter = filter with { After = reader.TimeCursor(Sort, filter.Fingerprint()) };
        return reader.Errors.Any ? (null, reader.Errors) : (filter, reader.Errors);
    }

    /// <param name="db">The service's database.</param>
    /// <param name="visible">The departments the caller works for.</param>
    /// <param name="ownedBy">When set, only interactions with customers this person owns (a sales rep's reach).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<InteractionPage> RunAsync(InteractionsDbContext db, Departments visible, string? ownedBy, CancellationToken cancellationToken)
    {
        var mask = Department is { } department ? visible & department : visible;
        var query = db.Interactions.AsNoTracking().Where(i => (i.VisibleTo & mask) != 0);
        if (ownedBy is not null)
        {
            query = query.Where(i => db.Customers.Any(c => c.Id == i.CustomerId && c.OwnerId == ownedBy));
        }

        if (CustomerId is { } customerId)
        {
            // A merged id still finds the survivor's interactions, where its own now are.
            var liveId = await db.LiveIdAsync(customerId, cancellationToken);
            query = query.Where(i => i.CustomerId == liveId);
        }

        if (Types.Count > 0)
        {
            query = query.Where(i => Types.Contains(i.Type));
        }

        if (Channels.Count > 0)
        {
            query = query.Where(i => Channels.Contains(i.Channel));
        }

        if (EmployeeId is not null)
        {
            query = query.Where(i => i.EmployeeId == EmployeeId);
        }

        if (Outcome is { } outcome)
        {
            query = query.Where(i => i.Outcome == outcome);
        }

        if (From is { } from)
        {
            query = query.Where(i => i.OccurredAt >= from);
        }

        if (To is { } to)
        {
            query = query.Where(i => i.OccurredAt < to);
        }

        if (After is { } after)
        {
            query = query.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.OccurredAt, i.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(i => i.OccurredAt).ThenByDescending(i => i.Id).Take(Limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > Limit ? PageCursor.Encode(Sort, Fingerprint(), rows[Limit - 1].OccurredAt, rows[Limit - 1].Id) : null;
        return new InteractionPage([.. rows.Take(Limit).Select(InteractionResponse.From)], next);
    }

    /// <summary>What a cursor must have been made for: every filter, in a fixed form.</summary>
    private string Fingerprint() => string.Join('|',
        CustomerId?.ToString() ?? "", string.Join(',', Types.Order()), string.Join(',', Channels.Order()), EmployeeId ?? "",
        Department?.ToString() ?? "", Outcome?.ToString() ?? "", From?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        To?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
}
