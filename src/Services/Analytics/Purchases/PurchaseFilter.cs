using System.Globalization;
using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>The filters of a customer's purchase list, read from the query string, and the page they select.</summary>
public sealed record PurchaseFilter(DateTimeOffset? From, DateTimeOffset? To, int Limit, (DateTimeOffset At, Guid Id)? After)
{
    private const string Sort = "-occurredAt";

    public static (PurchaseFilter? Filter, FieldErrors Errors) Read(IQueryCollection query)
    {
        var reader = new QueryReader(query, ["from", "to"]);
        var from = reader.Time("from");
        var to = reader.Time("to");
        if (from is not null && to is not null && to <= from)
        {
            reader.Errors.Add("to", "Must be after from.");
        }

        var filter = new PurchaseFilter(from, to, reader.Limit(), null);
        filter = filter with { After = reader.TimeCursor(Sort, filter.Fingerprint()) };
        return reader.Errors.Any ? (null, reader.Errors) : (filter, reader.Errors);
    }

    public async Task<PurchasePage> RunAsync(AnalyticsDbContext db, Guid customerId, CancellationToken cancellationToken)
    {
        var query = db.Purchases.AsNoTracking().Where(p => p.CustomerId == customerId);
        if (From is { } from)
        {
            query = query.Where(p => p.OccurredAt >= from);
        }

        if (To is { } to)
        {
            query = query.Where(p => p.OccurredAt < to);
        }

        if (After is { } after)
        {
            query = query.Where(p => EF.Functions.LessThan(ValueTuple.Create(p.OccurredAt, p.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query.OrderByDescending(p => p.OccurredAt).ThenByDescending(p => p.Id).Take(Limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > Limit ? PageCursor.Encode(Sort, Fingerprint(), rows[Limit - 1].OccurredAt, rows[Limit - 1].Id) : null;
        return new PurchasePage([.. rows.Take(Limit).Select(PurchaseResponse.From)], next);
    }

    /// <summary>What a cursor must have been made for. The customer is in the path, and a cursor of another customer's
    /// list only resumes at a point of this one, which shows nothing the caller could not ask for.</summary>
    private string Fingerprint() => string.Join('|',
        From?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", To?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
}
