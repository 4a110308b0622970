using CrmPlatform.Interactions.Customers;
using CrmPlatform.Interactions.Infrastructure;
using CrmPlatform.ServiceDefaults.Api;
using Microsoft.EntityFrameworkCore;

namespace CrmPlatform.Interactions.Commitments;

/// <summary>A status a list can ask for: the three stored ones, and overdue (open past due).</summary>
public enum CommitmentListStatus { Open, Overdue, Completed, Cancelled }

/// <summary>The filters of <c>GET /api/commitments</c> and the page they select, soonest due first.</summary>
public sealed record CommitmentFilter(
    string? OwnerId,
    Guid? CustomerId,
    List<CommitmentListStatus> Statuses,
    DateTimeOffset? DueBefore,
    int Limit,
    (DateTimeOffset DueAt, Guid Id)? After)
{
    private const string Sort = "dueAt";

    public static (CommitmentFilter? Filter, FieldErrors Errors) Read(IQueryCollection query)
    {
        var reader = new QueryReader(query, ["ownerId", "customerId", "dueBefore"], ["status"]);
        var filter = new CommitmentFilter(
            reader.String("ownerId", CommitmentLimits.ShortText),
            reader.Guid("customerId"),
            reader.Enums<CommitmentListStatus>("status"),
            reader.Time("dueBefore"),
            reader.Limit(),
            null);
        filter = filter with { After = reader.TimeCursor(Sort, filter.Fingerprint()) };
        return reader.Errors.Any ? (null, reader.Errors) : (filter, reader.Errors);
    }

    /// <param name="db">The service's database.</param>
    /// <param name="now">Decides which open commitments are overdue.</param>
    /// <param name="ownedBy">When set, only commitments to customers this person owns (a sales rep's reach).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<CommitmentPage> RunAsync(InteractionsDbContext db, DateTimeOffset now, string? ownedBy, CancellationToken cancellationToken)
    {
        var query = db.Commitments.AsNoTracking();
        if (ownedBy is not null)
        {
            query = query.Where(c => db.Customers.Any(r => r.Id == c.CustomerId && r.OwnerId == ownedBy));
        }

        if (OwnerId is not null)
        {
            query = query.Where(c => c.OwnerId == OwnerId);
        }

        if (CustomerId is { } customerId)
        {
            var liveId = await db.LiveIdAsync(customerId, cancellationToken);
            query = query.Where(c => c.CustomerId == liveId);
        }

        if (Statuses.Count > 0)
        {
            var stored = Statuses.Where(s => s != CommitmentListStatus.Overdue).Select(s => Enum.Parse<CommitmentStatus>(s.ToString())).ToList();
            var overdue = Statuses.Contains(CommitmentListStatus.Overdue);
            query = query.Where(c => stored.Contains(c.Status) || (overdue && c.Status == CommitmentStatus.Open && c.DueAt <= now));
        }

        if (DueBefore is { } dueBefore)
        {
            query = query.Where(c => c.DueAt < dueBefore);
        }

        if (After is { } after)
        {
            query = query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.DueAt, c.Id), ValueTuple.Create(after.DueAt, after.Id)));
        }

        var rows = await query.OrderBy(c => c.DueAt).ThenBy(c => c.Id).Take(Limit + 1).ToListAsync(cancellationToken);
        var next = rows.Count > Limit ? PageCursor.Encode(Sort, Fingerprint(), rows[Limit - 1].DueAt, rows[Limit - 1].Id) : null;
        return new CommitmentPage([.. rows.Take(Limit).Select(c => CommitmentResponse.From(c, now))], next);
    }

    private string Fingerprint() => string.Join('|',
        OwnerId ?? "", CustomerId?.ToString() ?? "", string.Join(',', Statuses.Order()),
        DueBefore?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
}
