using System.Collections.Concurrent;
using Npgsql;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// How common a text is among customers, estimated the way PostgreSQL estimates <c>LIKE '%…%'</c>: the
/// share of the search_text histogram (1,000 values sampled by ANALYZE, see the CustomerSearchIndexes
/// migration) that contains it. Read from pg_stats once every few minutes per database; checking a
/// text is a thousand substring tests in memory.
/// </summary>
public sealed class SearchTextStatistics(string[] bounds)
{
    private static readonly TimeSpan _maxAge = TimeSpan.FromMinutes(10);
    private static readonly ConcurrentDictionary<string, (DateTimeOffset ReadAt, SearchTextStatistics Statistics)> _cache = new(StringComparer.Ordinal);

    /// <summary>The statistics of the connection's database, or null while the table has none (never analyzed).</summary>
    public static async Task<SearchTextStatistics?> ForAsync(NpgsqlConnection connection, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = $"{connection.Host}:{connection.Port}/{connection.Database}";
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached) && now - cached.ReadAt <= _maxAge)
        {
            return cached.Statistics;
        }

        var bounds = await ReadAsync(connection, cancellationToken);
        if (bounds.Length == 0)
        {
            // Not analyzed yet (a new database): ask again next time rather than for minutes.
            return null;
        }

        var statistics = new SearchTextStatistics(bounds);
        _cache[key] = (now, statistics);
        return statistics;
    }

    /// <summary>Forget what was read, e.g. after ANALYZE following a bulk import, so the next search reads the new statistics.</summary>
    public static void Invalidate() => _cache.Clear();

    /// <summary>The estimated fraction of customers whose search text contains any of <paramref name="texts"/>.</summary>
    public double Fraction(IEnumerable<string> texts)
    {
        var any = texts.ToList();
        return (double)bounds.Count(b => any.Any(t => b.Contains(t, StringComparison.Ordinal))) / bounds.Length;
    }

    /// <summary>
    /// Of the words of an e-mail-like text, the one fewest customers have (the longest among equals):
    /// what the index should look up (SearchTerm.Words says why). Null for names, or when no word is
    /// long enough.
    /// </summary>
    public string? RarestWord(string text) =>
        SearchTerm.Words(text) is { Count: > 0 } words
            ? words.OrderBy(w => Fraction([w])).ThenByDescending(w => w.Length).First()
            : null;

    private static async Task<string[]> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT histogram_bounds::text::text[] FROM pg_stats
            WHERE schemaname = 'customers' AND tablename = 'customers' AND attname = 'search_text'
            """, connection);
        return await command.ExecuteScalarAsync(cancellationToken) is string[] bounds ? bounds : [];
    }
}
