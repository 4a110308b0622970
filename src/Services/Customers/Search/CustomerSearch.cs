using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// Runs a search on the service's own connection: one round trip (a batch of the plan settings, the
/// page and when asked the count), and two more when a text search's window held too few matches
/// (its end, then the matches after it; see <see cref="CustomerSearchSql"/>).
/// </summary>
public static class CustomerSearch
{
    /// <summary>
    /// Batched with every search, local to its implicit transaction. Custom plans: the service's
    /// connections prepare statements they run often, and after five runs PostgreSQL may keep one
    /// generic plan for all values; but the best plan depends on the values (a rare term wants the
    /// trigram index then a sort, a term in a third of the rows wants a walk of the sort index), and a
    /// generic plan picked for one makes the other take seconds. The timeout stops a pathological
    /// search from holding a backend; the caller gets a 503 and can narrow it.
    /// </summary>
    public static readonly string Settings =
        $"SELECT set_config('plan_cache_mode', 'force_custom_plan', true), set_config('statement_timeout', '{TimeoutSeconds}s', true)";

    public const int TimeoutSeconds = 5;

    /// <summary>
    /// Below this estimated share of customers, a text search goes straight to its matches: a window of
    /// <see cref="CustomerSearchSql.Window"/> rows would hold fewer than a page of them anyway.
    /// </summary>
    public const double RareFraction = 0.005;

    public static async Task<CustomerPage> RunAsync(CustomersDbContext db, SearchCriteria criteria, TimeProvider clock, CancellationToken cancellationToken)
    {
        // One more row than the page: if it comes, there is a next page.
        var rows = criteria.Limit + 1;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            (var strategy, criteria) = await ChooseAsync(connection, criteria, clock, cancellationToken);
            var items = new List<CustomerSummary>(rows);
            long? total = null;
            await using (var batch = connection.CreateBatch())
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(Settings));
                batch.BatchCommands.Add(strategy switch
                {
                    SearchStrategy.MatchesFirst => CustomerSearchSql.MatchesAfter(criteria, criteria.After, rows),
                    SearchStrategy.WindowFirst => CustomerSearchSql.WindowPage(criteria, rows),
                    _ => CustomerSearchSql.Page(criteria, rows),
                });
                if (criteria.IncludeTotal)
                {
                    batch.BatchCommands.Add(CustomerSearchSql.Count(criteria.Filter));
                }

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await ReadRowsAsync(reader, items, cancellationToken);
                if (criteria.IncludeTotal && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
                {
                    total = reader.GetInt64(0);
                }
            }

            if (strategy == SearchStrategy.WindowFirst && items.Count < rows && await WindowEndAsync(connection, criteria, cancellationToken) is { } windowEnd)
            {
                // The window held too few matches: the rest of the page from the matches after it.
                await using var batch = connection.CreateBatch();
                batch.BatchCommands.Add(new NpgsqlBatchCommand(Settings));
                batch.BatchCommands.Add(CustomerSearchSql.MatchesAfter(criteria, windowEnd, rows - items.Count));
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                await ReadRowsAsync(reader, items, cancellationToken);
            }

            string? next = null;
            if (items.Count > criteria.Limit)
            {
                items.RemoveAt(items.Count - 1);
                var last = items[^1];
                next = SearchCursor.Encode(criteria.Sort, criteria.Filter.Fingerprint(), criteria.Sort.Key switch
                {
                    SearchSortKey.RegisteredAt => new SearchPosition(null, last.RegisteredAt, last.Id),
                    SearchSortKey.UpdatedAt => new SearchPosition(null, last.UpdatedAt, last.Id),
                    _ => new SearchPosition(last.LegalName, null, last.Id),
                });
            }

            return new CustomerPage(items, next, total);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// How to run a search, and its criteria with the words a text search looks up in the index, both
    /// from the search_text statistics (read every few minutes, not per search).
    /// </summary>
    public static async Task<(SearchStrategy Strategy, SearchCriteria Criteria)> ChooseAsync(
        NpgsqlConnection connection, SearchCriteria criteria, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (criteria.Filter.Term is not { } term)
        {
            return (SearchStrategy.Planner, criteria);
        }

        var statistics = await SearchTextStatistics.ForAsync(connection, clock, cancellationToken);
        if (statistics is null)
        {
            return (SearchStrategy.WindowFirst, criteria);
        }

        var indexWords = term.Texts.Select(statistics.RarestWord).ToList();
        var chosen = criteria with { Filter = criteria.Filter with { Term = term with { IndexWords = indexWords } } };
        return (statistics.Fraction(term.Texts) < RareFraction ? SearchStrategy.MatchesFirst : SearchStrategy.WindowFirst, chosen);
    }

    /// <summary>The window's last row, when the window is full (none when the list ends inside it).</summary>
    private static async Task<SearchPosition?> WindowEndAsync(NpgsqlConnection connection, SearchCriteria criteria, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.BatchCommands.Add(CustomerSearchSql.WindowEnd(criteria));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return criteria.Sort.IsTimestamp
            ? new SearchPosition(null, reader.GetFieldValue<DateTimeOffset>(0), reader.GetGuid(1))
            : new SearchPosition(reader.GetString(0), null, reader.GetGuid(1));
    }

    private static async Task ReadRowsAsync(NpgsqlDataReader reader, List<CustomerSummary> items, CancellationToken cancellationToken)
    {
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }
    }

    /// <summary>The columns of <see cref="CustomerSearchSql.Columns"/>, in order.</summary>
    private static CustomerSummary Read(NpgsqlDataReader row) => new(
        row.GetGuid(0),
        Enum.Parse<CustomerKind>(row.GetString(1)).ToWireName(),
        row.GetString(2),
        row.IsDBNull(3) ? null : row.GetString(3),
        row.GetString(4),
        row.GetString(5),
        row.IsDBNull(6) ? null : row.GetString(6),
        row.IsDBNull(7) ? null : row.GetString(7),
        row.IsDBNull(8) ? null : row.GetString(8),
        Enum.Parse<LifecycleStage>(row.GetString(9)).ToWireName(),
        row.GetFieldValue<string[]>(10),
        row.GetFieldValue<string[]>(11),
        row.GetBoolean(12),
        row.IsDBNull(13) ? null : row.GetInt32(13),
        row.GetFieldValue<DateTimeOffset>(14),
        row.GetFieldValue<DateTimeOffset>(15));
}
