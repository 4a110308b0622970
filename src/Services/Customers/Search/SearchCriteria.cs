using System.Security.Cryptography;
using System.Text;
using CrmPlatform.Customers.Lifecycle;

namespace CrmPlatform.Customers.Search;

/// <summary>Which customers a search lists (everything but the order and the page).</summary>
public sealed record SearchFilter
{
    public SearchTerm? Term { get; init; }

    /// <summary>A customer must have every one (array containment, GIN index).</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Any of these stages.</summary>
    public IReadOnlyList<LifecycleStage> Stages { get; init; } = [];

    public string? OwnerId { get; init; }
    public string? Country { get; init; }
    public bool? IsStrategic { get; init; }

    /// <summary>
    /// A short hash of the filter, carried by cursors: a cursor resumes the search it came from, not
    /// another one (its position would mean nothing there).
    /// </summary>
    public string Fingerprint()
    {
        var canonical = string.Join('\u001f',
            Term?.Folded ?? "",
            string.Join('\u001e', Segments.Order(StringComparer.Ordinal)),
            string.Join('\u001e', Tags.Order(StringComparer.Ordinal)),
            string.Join('\u001e', Stages.Order()),
            OwnerId ?? "",
            Country ?? "",
            IsStrategic?.ToString() ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))[..8]);
    }
}

/// <summary>Where a page starts: after the row with this sort value and id, in the list's order.</summary>
public sealed record SearchPosition(string? LegalName, DateTimeOffset? At, Guid Id);

/// <summary>A validated search: the filter, the order, the page size and where the page starts.</summary>
public sealed record SearchCriteria(SearchFilter Filter, SearchSort Sort, int Limit, SearchPosition? After, bool IncludeTotal)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
