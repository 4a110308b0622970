using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Reads a list's query string by hand, so that every bad parameter is a 422 naming it ("limit=abc",
/// "from=yesterday", an unknown parameter), never a 400 from binding or a silently ignored filter.
/// Every list takes <c>limit</c> (1–200, default 50) and <c>cursor</c> the same way.
/// </summary>
public sealed class QueryReader
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>
    /// The span a time filter may name. Reports step from it by whole periods and compare it with the
    /// period before it (as long again); at the ends of DateTimeOffset's range (0001-01-01, 9999-12-31)
    /// that arithmetic left the calendar and answered 500.
    /// </summary>
    public static readonly DateTimeOffset MinTime = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset MaxTime = new(3000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly IQueryCollection _query;
    private readonly string[] _repeatable;

    public QueryReader(IQueryCollection query, string[] single, string[]? repeatable = null)
    {
        _query = query;
        _repeatable = repeatable ?? [];
        string[] known = [.. single, .. _repeatable, "limit", "cursor"];
        foreach (var (name, values) in query)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                Errors.Add(Text.Shorten(name), $"Unknown parameter: use {string.Join(", ", known)}.");
            }
            else if (values.Count > 1 && !_repeatable.Contains(name, StringComparer.Ordinal))
            {
                Errors.Add(name, "Give this parameter once.");
            }
        }
    }

    public FieldErrors Errors { get; } = new();

    public string? String(string name, int maxLength)
    {
        var value = Raw(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return Text.Clean(value, name, maxLength, Errors);
    }

    public Guid? Guid(string name)
    {
        var value = Raw(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (System.Guid.TryParse(value, out var id))
        {
            return id;
        }

        Errors.Add(name, "Must be an id (a UUID).");
        return null;
    }

    /// <summary>Every value of a repeatable enum parameter (<c>type=call&amp;type=visit</c>).</summary>
    public List<TEnum> Enums<TEnum>(string name) where TEnum : struct, Enum
    {
        var result = new List<TEnum>();
        foreach (var value in _query[name])
        {
            if (!WireNames.TryParse<TEnum>(value?.Trim(), out var parsed))
            {
                Errors.Add(name, $"'{Text.Shorten(value ?? "")}' is not one of {WireNames.Choices<TEnum>()}.");
                return [];
            }

            if (!result.Contains(parsed))
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    public TEnum? Enum<TEnum>(string name) where TEnum : struct, Enum
    {
        var value = Raw(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (WireNames.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Errors.Add(name, $"'{Text.Shorten(value)}' is not one of {WireNames.Choices<TEnum>()}.");
        return null;
    }

    /// <summary>
    /// An ISO 8601 time with its offset (<c>2026-11-23T10:00:00Z</c>) or a date (<c>2026-11-23</c>, midnight UTC),
    /// from <see cref="MinTime"/> up to (not including) <see cref="MaxTime"/>.
    /// </summary>
    public DateTimeOffset? Time(string name)
    {
        var value = Raw(name)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!Times.TryParse(value, out var at))
        {
            Errors.Add(name, "Must be an ISO 8601 time with offset (2026-11-23T10:00:00Z) or a date (2026-11-23).");
            return null;
        }

        if (at < MinTime || at >= MaxTime)
        {
            Errors.Add(name, $"Must be from {MinTime:yyyy-MM-dd} and before {MaxTime:yyyy-MM-dd}.");
            return null;
        }

        return at;
    }

    public int Limit()
    {
        var value = Raw("limit");
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultLimit;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit)
        {
            return limit;
        }

        Errors.Add("limit", $"Must be a whole number from 1 to {MaxLimit}.");
        return DefaultLimit;
    }

    /// <summary>
    /// The position after which the page starts. The cursor is checked against the sort and the filter
    /// it was made for, so read it after every other parameter: with any of them wrong it is not read.
    /// </summary>
    public (string Value, Guid Id)? Cursor(string sort, string filterFingerprint)
    {
        var value = Raw("cursor");
        if (string.IsNullOrEmpty(value) || Errors.Any)
        {
            return null;
        }

        if (PageCursor.TryDecode(value, sort, filterFingerprint, out var last, out var error))
        {
            return last;
        }

        Errors.Add("cursor", error);
        return null;
    }

    /// <summary>
    /// A cursor of a list sorted by a time and then id (newest first, or soonest due first): the last
    /// row's time and id. Read it after every other parameter, as <see cref="Cursor"/>.
    /// </summary>
    public (DateTimeOffset At, Guid Id)? TimeCursor(string sort, string filterFingerprint)
    {
        if (Cursor(sort, filterFingerprint) is not { } last)
        {
            return null;
        }

        if (Times.TryFromCursor(last.Value, out var at))
        {
            return (at, last.Id);
        }

        Errors.Add("cursor", "The cursor is not one this API gave: ask for the first page again (without cursor).");
        return null;
    }

    private string? Raw(string name) => _query.TryGetValue(name, out var values) ? values[0] : null;
}
