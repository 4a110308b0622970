using NpgsqlTypes;
using Npgsql;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// The SQL of a search, built from fixed fragments with every value a parameter. Filters are written
/// the way their indexes read them: <c>search_text LIKE</c> for the trigram GIN index,
/// <c>segments @&gt; ARRAY[…]</c> for the array GIN indexes, <c>stage = …</c> / <c>owner_id = …</c> as
/// leading columns of (stage|owner_id, sort column, id). Pages are keysets: order by (sort column, id)
/// and a row-value comparison with the last row of the previous page, which the (column, id) btree
/// indexes answer in either direction without counting the rows before.
/// </summary>
/// <remarks>
/// A text search is not left to the planner's choice between walking the sort index (good when
/// matches are frequent and spread out) and the trigram index then a sort (good when they are few): it
/// cannot know that matches cluster in sort order, and names do ("maria…" lists after every name
/// from A to L; walking to them took seconds at 1M customers). So a term estimated rare
/// (<see cref="SearchTextStatistics"/>) goes straight to its matches, sorted (<see cref="MatchesAfter"/>),
/// and any other reads a bounded <see cref="Window"/> of the sort index first, index-only thanks to
/// the search_text the sort indexes include; only if that window holds fewer matches than the page
/// needs, the rest comes from the matches after it. Either way the cost is bounded by the window and
/// the number of matches, never by where in the order they sit.
/// </remarks>
public static class CustomerSearchSql
{
    /// <summary>Rows of the sort index a text search reads before it looks elsewhere (about a millisecond of index-only scan).</summary>
    public const int Window = 10_000;

    private const string Table = "customers.customers";

    private static readonly string[] _columns =
    [
        "id", "kind", "legal_name", "trade_name", "country", "tax_id", "email", "phone", "owner_id", "stage", "segments", "tags",
        "is_strategic", "qualification_score", "registered_at", "updated_at",
    ];

    /// <summary>The columns <see cref="CustomerSearch"/> reads, in order, optionally qualified by a table alias.</summary>
    public static string Columns(string alias = "") => string.Join(", ", _columns.Select(c => alias + c));

    /// <summary>
    /// A page the planner plans alone: searches without text, whose filters have indexes and
    /// statistics that tell the planner enough. <paramref name="rows"/> is one more than the limit,
    /// to know whether a next page exists.
    /// </summary>
    public static NpgsqlBatchCommand Page(SearchCriteria criteria, int rows)
    {
        var command = new NpgsqlBatchCommand();
        var where = TextCondition(criteria.Filter, command.Parameters);
        where.AddRange(OtherConditions(criteria.Filter, command.Parameters, ""));
        AddKeyset(where, criteria.Sort, criteria.After, "after", command.Parameters);
        command.CommandText = $"SELECT {Columns()} FROM {Table}{WhereClause(where)} ORDER BY {OrderBy(criteria.Sort)} LIMIT @rows";
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Integer) { Value = rows });
        return command;
    }

    /// <summary>
    /// The matches among the next <see cref="Window"/> rows in sort order: an index-only scan of the sort
    /// index checking search_text, then only the matches read from the table (for the other filters and
    /// the columns), in order, stopping at <paramref name="rows"/>.
    /// </summary>
    public static NpgsqlBatchCommand WindowPage(SearchCriteria criteria, int rows)
    {
        var command = new NpgsqlBatchCommand();
        var sort = criteria.Sort;
        var direction = sort.Descending ? " DESC" : "";
        var window = new List<string>();
        AddKeyset(window, sort, criteria.After, "after", command.Parameters);
        var text = TextCondition(criteria.Filter, command.Parameters);
        var others = OtherConditions(criteria.Filter, command.Parameters, "c.");
        command.CommandText = $"""
            SELECT {Columns("c.")}
            FROM (
                SELECT sort_key, id FROM (
                    SELECT {sort.Column} AS sort_key, id, search_text FROM {Table}{WhereClause(window)}
                    ORDER BY {OrderBy(sort)} LIMIT @window) AS w
                {WhereClause(text)}
            ) AS m
            JOIN {Table} AS c ON c.id = m.id{WhereClause(others)}
            ORDER BY m.sort_key{direction}, m.id{direction}
            LIMIT @rows
            """;
        command.Parameters.Add(new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = Window });
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Integer) { Value = rows });
        return command;
    }

    /// <summary>The last row of the window (its sort value and id), when the window is full; no row when the list ends inside it.</summary>
    public static NpgsqlBatchCommand WindowEnd(SearchCriteria criteria)
    {
        var command = new NpgsqlBatchCommand();
        var where = new List<string>();
        AddKeyset(where, criteria.Sort, criteria.After, "after", command.Parameters);
        command.CommandText = $"SELECT {criteria.Sort.Column}, id FROM {Table}{WhereClause(where)} ORDER BY {OrderBy(criteria.Sort)} OFFSET @last LIMIT 1";
        command.Parameters.Add(new NpgsqlParameter("last", NpgsqlDbType.Integer) { Value = Window - 1 });
        return command;
    }

    /// <summary>
    /// The first <paramref name="rows"/> matches after <paramref name="after"/> (or from the start).
    /// The OFFSET 0 fence makes the planner fetch the matches as a set (through the trigram index when
    /// they are few) and sort them, instead of walking the sort index.
    /// </summary>
    public static NpgsqlBatchCommand MatchesAfter(SearchCriteria criteria, SearchPosition? after, int rows)
    {
        var command = new NpgsqlBatchCommand();
        var where = TextCondition(criteria.Filter, command.Parameters);
        where.AddRange(OtherConditions(criteria.Filter, command.Parameters, ""));
        AddKeyset(where, criteria.Sort, after, "after", command.Parameters);
        command.CommandText = $"""
            SELECT {Columns()} FROM (
                SELECT {Columns()} FROM {Table}{WhereClause(where)} OFFSET 0) AS matches
            ORDER BY {OrderBy(criteria.Sort)}
            LIMIT @rows
            """;
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Integer) { Value = rows });
        return command;
    }

    /// <summary>The exact number of customers the filter matches (all pages, not this one).</summary>
    public static NpgsqlBatchCommand Count(SearchFilter filter)
    {
        var command = new NpgsqlBatchCommand();
        var where = TextCondition(filter, command.Parameters);
        where.AddRange(OtherConditions(filter, command.Parameters, ""));
        command.CommandText = $"SELECT count(*) FROM {Table}{WhereClause(where)}";
        return command;
    }

    private static string OrderBy(SearchSort sort)
    {
        var direction = sort.Descending ? " DESC" : "";
        return $"{sort.Column}{direction}, id{direction}";
    }

    private static string WhereClause(List<string> conditions) =>
        conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    /// <summary>Rows after <paramref name="position"/> in the list's order: one row-value comparison, an index range.</summary>
    private static void AddKeyset(List<string> where, SearchSort sort, SearchPosition? position, string name, NpgsqlParameterCollection parameters)
    {
        if (position is null)
        {
            return;
        }

        where.Add($"({sort.Column}, id) {(sort.Descending ? "<" : ">")} (@{name}_value, @{name}_id)");
        parameters.Add(sort.IsTimestamp
            ? new NpgsqlParameter($"{name}_value", NpgsqlDbType.TimestampTz) { Value = position.At!.Value }
            : new NpgsqlParameter($"{name}_value", NpgsqlDbType.Text) { Value = position.LegalName! });
        parameters.Add(new NpgsqlParameter($"{name}_id", NpgsqlDbType.Uuid) { Value = position.Id });
    }

    /// <summary>
    /// search_text is folded already (lower case, no accents), so LIKE rather than ILIKE: the same index,
    /// a cheaper recheck. A tax id's canonical form is a second text (a BitmapOr of two index scans). An
    /// e-mail-like text is looked up by its longest word and checked whole with strpos, which the index
    /// cannot use (SearchTerm.Words says why).
    /// </summary>
    private static List<string> TextCondition(SearchFilter filter, NpgsqlParameterCollection parameters)
    {
        if (filter.Term is not { } term)
        {
            return [];
        }

        var alternatives = new List<string>();
        foreach (var (text, i) in term.Texts.Select((t, i) => (t, i)))
        {
            var word = term.IndexWords is { } chosen ? chosen[i] : SearchTerm.IndexWord(text);
            if (word is not null && word != text)
            {
                alternatives.Add($"(search_text LIKE @text{i} AND strpos(search_text, @whole{i}) > 0)");
                parameters.Add(new NpgsqlParameter($"text{i}", NpgsqlDbType.Text) { Value = SearchTerm.ContainsPattern(word) });
                parameters.Add(new NpgsqlParameter($"whole{i}", NpgsqlDbType.Text) { Value = text });
            }
            else
            {
                alternatives.Add($"search_text LIKE @text{i}");
                parameters.Add(new NpgsqlParameter($"text{i}", NpgsqlDbType.Text) { Value = SearchTerm.ContainsPattern(text) });
            }
        }

        return [alternatives.Count == 1 ? alternatives[0] : "(" + string.Join(" OR ", alternatives) + ")"];
    }

    private static List<string> OtherConditions(SearchFilter filter, NpgsqlParameterCollection parameters, string alias)
    {
        var where = new List<string>();
        if (filter.Segments.Count > 0)
        {
            where.Add($"{alias}segments @> @segments");
            parameters.Add(new NpgsqlParameter("segments", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Segments.ToArray() });
        }

        if (filter.Tags.Count > 0)
        {
            where.Add($"{alias}tags @> @tags");
            parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Tags.ToArray() });
        }

        // Stored by enum name ('Lead'). One stage is an equality, which the (stage, legal_name, id)
        // index can also return in order; several are an ANY.
        if (filter.Stages.Count == 1)
        {
            where.Add($"{alias}stage = @stage");
            parameters.Add(new NpgsqlParameter("stage", NpgsqlDbType.Text) { Value = filter.Stages[0].ToString() });
        }
        else if (filter.Stages.Count > 1)
        {
            where.Add($"{alias}stage = ANY(@stages)");
            parameters.Add(new NpgsqlParameter("stages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = filter.Stages.Select(s => s.ToString()).ToArray() });
        }

        if (filter.OwnerId is { } owner)
        {
            where.Add($"{alias}owner_id = @owner");
            parameters.Add(new NpgsqlParameter("owner", NpgsqlDbType.Text) { Value = owner });
        }

        if (filter.Country is { } country)
        {
            // character(2) against character(2), so the (country, tax_id) index stays usable.
            where.Add($"{alias}country = @country");
            parameters.Add(new NpgsqlParameter("country", NpgsqlDbType.Char) { Value = country });
        }

        if (filter.IsStrategic is { } strategic)
        {
            where.Add($"{alias}is_strategic = @strategic");
            parameters.Add(new NpgsqlParameter("strategic", NpgsqlDbType.Boolean) { Value = strategic });
        }

        return where;
    }
}
