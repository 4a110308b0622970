using System.Globalization;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Lifecycle;
using Microsoft.Extensions.Primitives;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// Turns the query string of <c>GET /api/customers</c> into <see cref="SearchCriteria"/>, or into the
/// errors per parameter for a 422. Parameters are read as text and checked here rather than bound by
/// the framework, so that "limit=abc" or "strategic=yes" are 422s naming the parameter, not 400s.
/// </summary>
public static class SearchQueryParser
{
    private static readonly string[] _single = ["q", "owner", "country", "strategic", "sort", "limit", "cursor", "includeTotal"];
    private static readonly string[] _repeatable = ["segment", "tag", "stage"];

    public static (SearchCriteria? Criteria, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in query)
        {
            if (!_single.Contains(name, StringComparer.OrdinalIgnoreCase) && !_repeatable.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors[name] = [$"Unknown parameter: use {string.Join(", ", _single.Concat(_repeatable))}."];
            }
            else if (values.Count > 1 && _single.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors[name] = ["Give this parameter once."];
            }
        }

        var filter = new SearchFilter
        {
            Term = Term(Single(query, "q"), errors),
            Segments = Labels(query["segment"], "segment", errors),
            Tags = Labels(query["tag"], "tag", errors),
            Stages = Stages(query["stage"], errors),
            OwnerId = Owner(Single(query, "owner"), errors),
            Country = Country(Single(query, "country"), errors),
            IsStrategic = Boolean(Single(query, "strategic"), "strategic", errors),
        };
        var sort = Sort(Single(query, "sort"), errors);
        var limit = Limit(Single(query, "limit"), errors);
        var includeTotal = Boolean(Single(query, "includeTotal"), "includeTotal", errors) ?? false;

        // The cursor is checked against the sort and filter it must belong to, so only when those are valid.
        SearchPosition? after = null;
        if (Single(query, "cursor") is { } cursor && errors.Count == 0
            && !SearchCursor.TryDecode(cursor, sort, filter.Fingerprint(), out after, out var cursorError))
        {
            errors["cursor"] = [cursorError!];
        }

        return errors.Count > 0 ? (null, errors) : (new SearchCriteria(filter, sort, limit, after, includeTotal), errors);
    }

    /// <summary>The first value of a single-valued parameter (a repeated one is already an error).</summary>
    private static string? Single(IQueryCollection query, string name) => query.TryGetValue(name, out var values) ? values[0] : null;

    private static SearchTerm? Term(string? q, Dictionary<string, string[]> errors)
    {
        var text = q?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            // An empty search box lists everyone (with the other filters), as if q were not given.
            return null;
        }

        if (text.Length > SearchTerm.MaxLength)
        {
            errors["q"] = [$"q is longer than {SearchTerm.MaxLength} characters."];
            return null;
        }

        var term = SearchTerm.From(text);
        if (SearchTerm.LettersOrDigits(term.Folded) < SearchTerm.MinLettersOrDigits)
        {
            errors["q"] = [$"q needs at least {SearchTerm.MinLettersOrDigits} letters or digits (the text index works on 3-character pieces)."];
            return null;
        }

        return term;
    }

    private static List<string> Labels(StringValues values, string name, Dictionary<string, string[]> errors)
    {
        var labels = values.Select(v => v?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (labels.Any(l => l.Length is 0 or > CustomerLimits.Label))
        {
            errors[name] = [$"Each {name} must have 1 to {CustomerLimits.Label} characters."];
        }
        else if (labels.Count > CustomerLimits.LabelsPerList)
        {
            errors[name] = [$"At most {CustomerLimits.LabelsPerList} values of {name}."];
        }

        return labels;
    }

    private static List<LifecycleStage> Stages(StringValues values, Dictionary<string, string[]> errors)
    {
        var stages = new List<LifecycleStage>();
        foreach (var value in values)
        {
            if (!LifecycleStages.TryParse(value, out var stage))
            {
                var names = string.Join(", ", Enum.GetValues<LifecycleStage>().Select(s => s.ToWireName()));
                errors["stage"] = [$"'{Shorten(value ?? "")}' is not a stage: use {names}."];
                return [];
            }

            if (!stages.Contains(stage))
            {
                stages.Add(stage);
            }
        }

        return stages;
    }

    private static string? Owner(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        var owner = value.Trim();
        if (owner.Length is 0 or > CustomerLimits.ShortText)
        {
            errors["owner"] = [$"owner must have 1 to {CustomerLimits.ShortText} characters."];
            return null;
        }

        return owner;
    }

    private static string? Country(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        var country = value.Trim().ToUpperInvariant();
        if (!Countries.IsAssigned(country))
        {
            errors["country"] = [$"'{Shorten(value)}' is not an ISO 3166-1 alpha-2 country code."];
            return null;
        }

        return country;
    }

    private static bool? Boolean(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value.Trim(), out var result))
        {
            return result;
        }

        errors[name] = [$"'{Shorten(value)}' is not a boolean: use true or false."];
        return null;
    }

    private static SearchSort Sort(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return SearchSort.Default;
        }

        if (SearchSort.TryParse(value.Trim(), out var sort))
        {
            return sort;
        }

        errors["sort"] = [$"'{Shorten(value)}' is not a sort: use {string.Join(", ", SearchSort.WireNames)}."];
        return SearchSort.Default;
    }

    private static int Limit(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return SearchCriteria.DefaultLimit;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= SearchCriteria.MaxLimit)
        {
            return limit;
        }

        errors["limit"] = [$"limit must be a whole number from 1 to {SearchCriteria.MaxLimit}."];
        return SearchCriteria.DefaultLimit;
    }

    /// <summary>Echo a caller's value in an error, but never a huge one.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
