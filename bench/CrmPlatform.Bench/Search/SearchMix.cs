using System.Net.Http.Json;
using CrmPlatform.Customers.Search;
using Npgsql;

namespace CrmPlatform.Bench.Search;

/// <summary>
/// The searches the clients make, by kind and weight, with their values drawn from the seeded data
/// before the run: rare terms (invented brands, a few dozen customers each), common terms (spread
/// out like "ltda", or clustered in name order like "maria"), tax id prefixes written with
/// punctuation, whole e-mails, filter-only lists, and second pages through a cursor.
/// </summary>
internal sealed class SearchMix
{
    /// <summary>Spread through name order ("ltda", "srl", "silva"), and clustered in it: "comercio…", "maria…", "construtora…" start names.</summary>
    public static readonly string[] DefaultCommonTerms = ["ltda", "srl", "silva", "comercio", "maria", "construtora"];

    private static readonly string[] _filterLists =
    [
        "segment=agro&stage=customer",
        "stage=lead&sort=-updatedAt",
        "tag=vip&strategic=true",
        "country=RO&stage=lead",
        "segment=health&tag=partner&sort=-registeredAt",
        "stage=qualified&stage=prospect&sort=registeredAt",
        "country=ES",
    ];

    private readonly List<(string Kind, double Weight, string[] Paths)> _kinds;
    private readonly double _totalWeight;

    private SearchMix(List<(string Kind, double Weight, string[] Paths)> kinds)
    {
        _kinds = kinds;
        _totalWeight = kinds.Sum(k => k.Weight);
    }

    public IEnumerable<string> Kinds => _kinds.Select(k => k.Kind);

    public (string Kind, string Path) Next(Random random)
    {
        var pick = random.NextDouble() * _totalWeight;
        foreach (var (kind, weight, paths) in _kinds)
        {
            if (pick < weight)
            {
                return (kind, paths[random.Next(paths.Length)]);
            }

            pick -= weight;
        }

        var last = _kinds[^1];
        return (last.Kind, last.Paths[0]);
    }

    /// <summary>One example of each kind, for the plans printed with the results.</summary>
    public IEnumerable<(string Kind, string Path)> Examples => _kinds.Select(k => (k.Kind, k.Paths[0]));

    public static async Task<SearchMix> BuildAsync(NpgsqlDataSource dataSource, Uri service, IReadOnlyList<string> commonTerms)
    {
        var brands = await StringsAsync(dataSource,
            "SELECT DISTINCT lower(trade_name) FROM customers.customers TABLESAMPLE SYSTEM (1) WHERE length(trade_name) >= 6 LIMIT 300");
        var taxIds = await StringsAsync(dataSource,
            "SELECT tax_id FROM customers.customers TABLESAMPLE SYSTEM (1) WHERE country = 'BR' AND length(tax_id) = 14 LIMIT 300");
        var emails = await StringsAsync(dataSource,
            "SELECT email FROM customers.customers TABLESAMPLE SYSTEM (1) WHERE email IS NOT NULL LIMIT 300");
        var owners = Enumerable.Range(0, SeedVocabulary.Owners).Select(i => $"user-{i:000}").ToArray();

        string Q(string text) => "/api/customers?q=" + Uri.EscapeDataString(text);
        var firstPages = commonTerms.Select(Q)
            .Concat(owners.Take(50).Select(o => $"/api/customers?owner={o}&sort=-updatedAt"))
            .Concat(_filterLists.Select(f => "/api/customers?" + f))
            .ToArray();
        var secondPages = await SecondPagesAsync(service, firstPages);

        return new SearchMix(
        [
            ("rare term", 20, [.. brands.Select(Q)]),
            ("common term", 15, [.. commonTerms.Select(Q)]),
            ("tax id prefix", 10, [.. taxIds.Select(t => Q($"{t[..2]}.{t[2..5]}.{t[5..8]}"))]),
            ("e-mail", 10, [.. emails.Select(Q)]),
            ("owner list", 10, [.. owners.Select(o => $"/api/customers?owner={o}&sort=-updatedAt")]),
            ("filter only", 20, [.. _filterLists.Select(f => "/api/customers?" + f)]),
            ("second page", 15, secondPages),
        ]);
    }

    /// <summary>Cursors are made before the run (nothing writes during it, so they stay valid): the timed request is the second page alone.</summary>
    private static async Task<string[]> SecondPagesAsync(Uri service, string[] firstPages)
    {
        using var client = BenchAuth.Client(service, TimeSpan.FromMinutes(2));
        var result = new List<string>();
        foreach (var path in firstPages)
        {
            var page = await client.GetFromJsonAsync<CustomerPage>(path);
            if (page?.NextCursor is { } cursor)
            {
                result.Add($"{path}&cursor={Uri.EscapeDataString(cursor)}");
            }
        }

        return [.. result];
    }

    private static async Task<string[]> StringsAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<string>();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result.Count > 0 ? [.. result] : throw new InvalidOperationException($"No sample for: {sql}");
    }
}
