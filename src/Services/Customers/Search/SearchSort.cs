namespace CrmPlatform.Customers.Search;

public enum SearchSortKey
{
    LegalName,
    RegisteredAt,
    UpdatedAt,
}

/// <summary>
/// The order of a customer list. Every order ends with the id, so rows with the same legal name or
/// timestamp still have one position and a cursor can resume exactly after the last row of a page.
/// </summary>
public sealed record SearchSort(SearchSortKey Key, bool Descending)
{
    public static readonly SearchSort Default = new(SearchSortKey.LegalName, Descending: false);

    public static IReadOnlyList<string> WireNames { get; } =
        [.. Enum.GetValues<SearchSortKey>().SelectMany(key => new[] { new SearchSort(key, false).WireName, new SearchSort(key, true).WireName })];

    /// <summary><c>legalName</c>, <c>-legalName</c>, <c>registeredAt</c>…: a leading minus is descending.</summary>
    public string WireName => (Descending ? "-" : "") + Key switch
    {
        SearchSortKey.LegalName => "legalName",
        SearchSortKey.RegisteredAt => "registeredAt",
        SearchSortKey.UpdatedAt => "updatedAt",
        _ => throw new ArgumentOutOfRangeException(nameof(Key), Key, null),
    };

    /// <summary>The column; each has a btree index on (column, id) that serves both directions.</summary>
    public string Column => Key switch
    {
        SearchSortKey.LegalName => "legal_name",
        SearchSortKey.RegisteredAt => "registered_at",
        SearchSortKey.UpdatedAt => "updated_at",
        _ => throw new ArgumentOutOfRangeException(nameof(Key), Key, null),
    };

    public bool IsTimestamp => Key is SearchSortKey.RegisteredAt or SearchSortKey.UpdatedAt;

    /// <summary>Exact names only (case-sensitive, as documented): "legalname" is a typo worth a 422.</summary>
    public static bool TryParse(string value, out SearchSort sort)
    {
        foreach (var key in Enum.GetValues<SearchSortKey>())
        {
            foreach (var descending in new[] { false, true })
            {
                var candidate = new SearchSort(key, descending);
                if (candidate.WireName == value)
                {
                    sort = candidate;
                    return true;
                }
            }
        }

        sort = Default;
        return false;
    }
}
