using System.Globalization;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Infrastructure;
using CrmPlatform.Customers.Lifecycle;
using CrmPlatform.Customers.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CrmPlatform.Customers.Duplicates;

/// <summary>
/// Other customers that may be the same account: a similar folded legal or trade name (pg_trgm), or an
/// e-mail or phone shared through the accounts or their contacts.
/// </summary>
/// <remarks>
/// Names are compared folded (SearchText.Fold), which SQL cannot do, so in three steps: the trigram
/// index finds the candidates whose search_text holds something like one of the customer's names
/// (<c>name &lt;% search_text</c>: word similarity of at least the threshold, which every name with a
/// similarity of at least the threshold has); their names are folded here; and pg_trgm scores each
/// pair of folded names. Shared e-mails and phones are exact matches on the stored canonical values.
/// </remarks>
public static class PossibleDuplicateFinder
{
    /// <summary>pg_trgm similarity from which two folded names count as similar.</summary>
    public const double NameThreshold = 0.5;

    /// <summary>At most this many candidates per kind of match are scored (a common name or a shared generic e-mail can match thousands).</summary>
    public const int Candidates = 200;

    private const string Columns = "c.id, c.kind, c.legal_name, c.trade_name, c.country, c.tax_id, c.stage";

    /// <summary>A class, not a record: it is a dictionary key while its scores change.</summary>
    private sealed class Candidate(Guid id, string kind, string legalName, string? tradeName, string country, string taxId, string stage)
    {
        public Guid Id => id;
        public string LegalName => legalName;
        public string? TradeName => tradeName;
        public double? NameScore { get; set; }
        public string? SharedEmail { get; set; }
        public string? SharedPhone { get; set; }

        /// <summary>A shared e-mail or phone weighs more than any name (names repeat, contacts less so).</summary>
        public double Rank => (SharedEmail is null ? 0 : 1) + (SharedPhone is null ? 0 : 1) + (NameScore ?? 0);

        public PossibleDuplicate ToDuplicate()
        {
            var reasons = new List<DuplicateReason>();
            if (NameScore is { } score)
            {
                reasons.Add(new DuplicateReason(DuplicateReason.SimilarName, Score: Math.Round(score, 3)));
            }

            if (SharedEmail is not null)
            {
                reasons.Add(new DuplicateReason(DuplicateReason.SameEmail, Value: SharedEmail));
            }

            if (SharedPhone is not null)
            {
                reasons.Add(new DuplicateReason(DuplicateReason.SamePhone, Value: SharedPhone));
            }

            return new PossibleDuplicate(id, Enum.Parse<CustomerKind>(kind).ToWireName(), legalName, tradeName, country, taxId,
                Enum.Parse<LifecycleStage>(stage).ToWireName(), reasons);
        }
    }

    /// <summary>Null when the customer does not exist.</summary>
    public static async Task<PossibleDuplicates?> FindAsync(CustomersDbContext db, Guid id, int limit, CancellationToken cancellationToken)
    {
        var subject = await db.Customers.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.LegalName, c.TradeName, c.Email, c.Phone })
            .FirstOrDefaultAsync(cancellationToken);
        if (subject is null)
        {
            return null;
        }

        var contacts = await db.Contacts.AsNoTracking().Where(c => c.CustomerId == id)
            .Select(c => new { c.Email, c.Phone })
            .ToListAsync(cancellationToken);
        string[] emails = [.. new[] { subject.Email }.Concat(contacts.Select(c => c.Email)).OfType<string>().Distinct(StringComparer.Ordinal)];
        string[] phones = [.. new[] { subject.Phone }.Concat(contacts.Select(c => c.Phone)).OfType<string>().Distinct(StringComparer.Ordinal)];
        string[] names = [.. new[] { subject.LegalName, subject.TradeName }.OfType<string>().Select(SearchText.Fold).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var candidates = await CandidatesAsync(connection, id, names, emails, phones, cancellationToken);
            await ScoreNamesAsync(connection, names, candidates.Values.Where(c => c.NameScore is not null).ToList(), cancellationToken);
            var items = candidates.Values
                .Where(c => c.NameScore is not null || c.SharedEmail is not null || c.SharedPhone is not null)
                .OrderByDescending(c => c.Rank).ThenBy(c => c.Id)
                .Take(limit)
                .Select(c => c.ToDuplicate())
                .ToList();
            return new PossibleDuplicates(id, items);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One round trip: the name candidates (NameScore set to 0 until scored) and the shared e-mails and phones.</summary>
    private static async Task<Dictionary<Guid, Candidate>> CandidatesAsync(
        NpgsqlConnection connection, Guid id, string[] names, string[] emails, string[] phones, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        // The threshold of <% for this batch only (its implicit transaction).
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"SELECT set_config('pg_trgm.word_similarity_threshold', '{NameThreshold.ToString(CultureInfo.InvariantCulture)}', true)"));
        batch.BatchCommands.Add(NameCandidates(id, names));
        batch.BatchCommands.Add(Shared(id, "email", emails));
        batch.BatchCommands.Add(Shared(id, "phone", phones));

        var candidates = new Dictionary<Guid, Candidate>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Get(candidates, reader).NameScore = 0;
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Get(candidates, reader).SharedEmail ??= reader.GetString(7);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            Get(candidates, reader).SharedPhone ??= reader.GetString(7);
        }

        return candidates;
    }

    /// <summary>
    /// Customers whose search_text holds something like one of the names (the trigram index answers
    /// <c>&lt;%</c>), the likeliest first: by word similarity, then by similarity to the whole
    /// search_text, which favours names without much more to them.
    /// </summary>
    private static NpgsqlBatchCommand NameCandidates(Guid id, string[] names)
    {
        var command = new NpgsqlBatchCommand();
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        command.Parameters.Add(new NpgsqlParameter("candidates", NpgsqlDbType.Integer) { Value = Candidates });
        if (names.Length == 0)
        {
            command.CommandText = $"SELECT {Columns} FROM customers.customers c WHERE false";
            return command;
        }

        for (var i = 0; i < names.Length; i++)
        {
            command.Parameters.Add(new NpgsqlParameter($"name{i}", NpgsqlDbType.Text) { Value = names[i] });
        }

        string Each(string format) => string.Join(", ", names.Select((_, i) => string.Format(CultureInfo.InvariantCulture, format, $"@name{i}")));
        command.CommandText = $"""
            SELECT {Columns} FROM customers.customers c
            WHERE c.id <> @id AND ({string.Join(" OR ", names.Select((_, i) => $"@name{i} <% c.search_text"))})
            ORDER BY greatest({Each("word_similarity({0}, c.search_text)")}) DESC, greatest({Each("similarity({0}, c.search_text)")}) DESC, c.id
            LIMIT @candidates
            """;
        return command;
    }

    /// <summary>Other customers whose own or whose contacts' <paramref name="column"/> is one of <paramref name="values"/>, with the shared value.</summary>
    private static NpgsqlBatchCommand Shared(Guid id, string column, string[] values)
    {
        var command = new NpgsqlBatchCommand($"""
            SELECT {Columns}, shared.value FROM (
                SELECT id AS customer_id, {column} AS value FROM customers.customers WHERE {column} = ANY(@values)
                UNION
                SELECT customer_id, {column} FROM customers.contacts WHERE {column} = ANY(@values)
            ) AS shared
            JOIN customers.customers c ON c.id = shared.customer_id
            WHERE c.id <> @id
            ORDER BY c.id, shared.value
            LIMIT @candidates
            """);
        command.Parameters.Add(new NpgsqlParameter("id", NpgsqlDbType.Uuid) { Value = id });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values });
        command.Parameters.Add(new NpgsqlParameter("candidates", NpgsqlDbType.Integer) { Value = Candidates });
        return command;
    }

    /// <summary>pg_trgm similarity of every pair (customer's folded name, candidate's folded name); each candidate keeps its best.</summary>
    private static async Task ScoreNamesAsync(NpgsqlConnection connection, string[] names, List<Candidate> candidates, CancellationToken cancellationToken)
    {
        var pairs = new List<(Candidate Candidate, string Name, string Other)>();
        foreach (var candidate in candidates)
        {
            foreach (var other in new[] { candidate.LegalName, candidate.TradeName }.OfType<string>().Select(SearchText.Fold).Where(n => n.Length > 0))
            {
                pairs.AddRange(names.Select(name => (candidate, name, other)));
            }
        }

        if (pairs.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "SELECT similarity(p.a, p.b) FROM unnest(@a, @b) WITH ORDINALITY AS p(a, b, n) ORDER BY p.n", connection);
        command.Parameters.Add(new NpgsqlParameter("a", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pairs.Select(p => p.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pairs.Select(p => p.Other).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var best = new Dictionary<Candidate, double>();
        for (var i = 0; await reader.ReadAsync(cancellationToken); i++)
        {
            var score = reader.GetFloat(0);
            best[pairs[i].Candidate] = Math.Max(best.GetValueOrDefault(pairs[i].Candidate), score);
        }

        foreach (var candidate in candidates)
        {
            candidate.NameScore = best.GetValueOrDefault(candidate) is var score && score >= NameThreshold ? score : null;
        }
    }

    private static Candidate Get(Dictionary<Guid, Candidate> candidates, NpgsqlDataReader row)
    {
        var id = row.GetGuid(0);
        if (!candidates.TryGetValue(id, out var candidate))
        {
            candidate = new Candidate(id, row.GetString(1), row.GetString(2), row.IsDBNull(3) ? null : row.GetString(3),
                row.GetString(4), row.GetString(5), row.GetString(6));
            candidates[id] = candidate;
        }

        return candidate;
    }
}
