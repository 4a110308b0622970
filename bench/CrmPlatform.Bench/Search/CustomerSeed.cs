using System.Diagnostics;
using CrmPlatform.Customers.Search;
using Npgsql;
using static CrmPlatform.Bench.Search.SeedVocabulary;

namespace CrmPlatform.Bench.Search;

/// <summary>
/// Fills customers.customers with realistic customers, set-based: one INSERT … SELECT over
/// generate_series per chunk, every choice a deterministic hash of the row number (the same data on
/// every run). The indexes the migrations made are dropped first and rebuilt after, which is many times
/// faster than maintaining a trigram index row by row, then VACUUM ANALYZE.
/// </summary>
internal static class CustomerSeed
{
    private const int Chunk = 100_000;
    private const string Table = "customers.customers";

    public static async Task SeedAsync(NpgsqlDataSource dataSource, int count, TextWriter log)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        await ExecuteAsync(connection, "SET max_parallel_maintenance_workers = 2");
        await ExecuteAsync(connection, "CREATE FUNCTION pg_temp.h(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT hashint8extended($1, $2) & 9223372036854775807'");

        var indexes = await SecondaryIndexesAsync(connection);
        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX customers.\"{name}\"");
        }

        var clock = Stopwatch.StartNew();
        var insert = InsertSql();
        for (var from = 1; from <= count; from += Chunk)
        {
            await using var command = new NpgsqlCommand(insert, connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("from", (long)from);
            command.Parameters.AddWithValue("to", (long)Math.Min(count, from + Chunk - 1));
            AddWords(command, "br_act", BrazilianActivities);
            AddWords(command, "ro_act", RomanianActivities);
            AddWords(command, "ot_act", OtherActivities);
            AddWords(command, "br_sur", BrazilianSurnames);
            AddWords(command, "ro_sur", RomanianSurnames);
            AddWords(command, "br_first", BrazilianFirstNames);
            AddWords(command, "ro_first", RomanianFirstNames);
            AddWords(command, "ot_first", OtherFirstNames);
            AddWords(command, "ot_sur", OtherSurnames);
            command.Parameters.AddWithValue("syl", Syllables);
            command.Parameters.AddWithValue("seg", Segments);
            command.Parameters.AddWithValue("tag", Tags);
            command.Parameters.AddWithValue("stage", Stages);
            await command.ExecuteNonQueryAsync();
            await log.WriteLineAsync(FormattableString.Invariant($"[seed] {Math.Min(count, from + Chunk - 1):N0} customers inserted ({clock.Elapsed.TotalSeconds:F0} s)"));
        }

        foreach (var (name, definition) in indexes)
        {
            var indexClock = Stopwatch.StartNew();
            await ExecuteAsync(connection, definition);
            await log.WriteLineAsync(FormattableString.Invariant($"[seed] index {name} rebuilt in {indexClock.Elapsed.TotalSeconds:F1} s"));
        }

        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {Table}");
        await log.WriteLineAsync(FormattableString.Invariant($"[seed] {count:N0} customers ready in {clock.Elapsed.TotalSeconds:F0} s"));
        await VerifySearchTextAsync(connection);
    }

    /// <summary>The seed's search_text must be SearchText.For of the row, or the bench would measure other data than production's.</summary>
    private static async Task VerifySearchTextAsync(NpgsqlConnection connection)
    {
        await using var sample = new NpgsqlCommand(
            $"SELECT legal_name, trade_name, tax_id, email, search_text FROM {Table} TABLESAMPLE SYSTEM (1) LIMIT 2000", connection);
        await using var reader = await sample.ExecuteReaderAsync();
        var checkedRows = 0;
        while (await reader.ReadAsync())
        {
            var expected = SearchText.For(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
            if (expected != reader.GetString(4))
            {
                throw new InvalidOperationException($"Seeded search_text '{reader.GetString(4)}' differs from SearchText.For: '{expected}'.");
            }

            checkedRows++;
        }

        if (checkedRows == 0)
        {
            throw new InvalidOperationException("No seeded customer to verify.");
        }
    }

    private static async Task<List<(string Name, string Definition)>> SecondaryIndexesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'customers' AND tablename = 'customers' AND indexname <> 'pk_customers' ORDER BY indexname",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            result.Add((reader.GetString(0), reader.GetString(1)));
        }

        return result;
    }

    private static void AddWords(NpgsqlCommand command, string name, string[] words)
    {
        command.Parameters.AddWithValue(name, words);
        command.Parameters.AddWithValue(name + "_f", words.Select(SearchText.Fold).ToArray());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Layer r: the row's random choices; layer w: names (each built twice, as written and folded,
    /// from the twin word lists); the outer select: the row. h(i, k) is the k-th hash of row i.
    /// </summary>
    private static string InsertSql() => $"""
        INSERT INTO {Table} (id, kind, legal_name, trade_name, country, tax_id, registered_at, updated_at, stage_changed_at,
            email, phone, owner_id, segments, tags, is_strategic, qualification_score, stage, search_text)
        SELECT
            (lpad(to_hex((extract(epoch FROM reg) * 1000)::bigint), 12, '0') || '7' || substr(m, 1, 3) || '8' || substr(m, 4, 15))::uuid,
            CASE WHEN person THEN 'Person' ELSE 'Company' END,
            legal, trade, country, tax_id, reg, upd, upd, email, phone, owner, segments, tags, strategic, score, stage,
            legal_f || ' ' || coalesce(lower(trade) || ' ', '') || lower(tax_id) || coalesce(' ' || email, '')
        FROM (
            SELECT w.*,
                CASE WHEN NOT person AND h17 % 2 = 0 THEN brand END AS trade,
                CASE
                    WHEN person AND h18 % 10 < 7 THEN lower(first_f) || '.' || lower(sur_f) || (h19 % 10000) || '@' || (ARRAY['gmail.com', 'yahoo.com.br', 'outlook.com'])[1 + h20 % 3]
                    WHEN NOT person AND h18 % 100 < 85 THEN 'contato@' || lower(brand) || (h19 % 1000)
                        || CASE country WHEN 'BR' THEN '.com.br' WHEN 'RO' THEN '.ro' ELSE '.com' END
                END AS email,
                CASE
                    WHEN h21 % 10 >= 8 THEN NULL
                    WHEN country = 'BR' THEN '+55' || (11 + h22 % 80) || '9' || lpad((h23 % 100000000)::text, 8, '0')
                    WHEN country = 'RO' THEN '+407' || lpad((h23 % 100000000)::text, 8, '0')
                    ELSE '+1' || lpad((h23 % 10000000000)::text, 10, '0')
                END AS phone,
                -- Multiplying the row number by a prime modulo a power of ten spreads the digits and keeps them unique.
                CASE
                    WHEN country = 'BR' AND person THEN lpad(((i * 7919) % 1000000000)::text, 9, '0') || lpad((h24 % 100)::text, 2, '0')
                    WHEN country = 'BR' THEN lpad(((i * 48271) % 100000000)::text, 8, '0') || '0001' || lpad((h24 % 100)::text, 2, '0')
                    WHEN country = 'RO' AND person THEN '1' || lpad(((i * 48271) % 1000000000000)::text, 12, '0')
                    WHEN country = 'RO' THEN 'RO' || (10000000 + (i * 7919) % 90000000)
                    ELSE country || lpad(((i * 7919) % 1000000000)::text, 9, '0')
                END AS tax_id
            FROM (
                SELECT r.*,
                    {LegalNameSql(folded: false)} AS legal,
                    {LegalNameSql(folded: true)} AS legal_f
                FROM (
                    SELECT i, md5(i::text) AS m, country, person, brand, h5, h6, h7, h8, h9, h10, h11, h12, h17, h18, h19, h20, h21, h22, h23, h24,
                        CASE country WHEN 'BR' THEN @br_first[1 + h8 % {BrazilianFirstNames.Length}] WHEN 'RO' THEN @ro_first[1 + h8 % {RomanianFirstNames.Length}]
                            ELSE @ot_first[1 + h8 % {OtherFirstNames.Length}] END AS first,
                        CASE country WHEN 'BR' THEN @br_first_f[1 + h8 % {BrazilianFirstNames.Length}] WHEN 'RO' THEN @ro_first_f[1 + h8 % {RomanianFirstNames.Length}]
                            ELSE @ot_first_f[1 + h8 % {OtherFirstNames.Length}] END AS first_f,
                        CASE country WHEN 'BR' THEN @br_sur_f[1 + h6 % {BrazilianSurnames.Length}] WHEN 'RO' THEN @ro_sur_f[1 + h6 % {RomanianSurnames.Length}]
                            ELSE @ot_sur_f[1 + h6 % {OtherSurnames.Length}] END AS sur_f,
                        timestamptz '2021-01-01 00:00:00+00' + (h13 % 157680000) * interval '1 second' + (h14 % 1000000) * interval '1 microsecond' AS reg,
                        timestamptz '2021-01-01 00:00:00+00' + (h13 % 157680000) * interval '1 second' + (h14 % 1000000) * interval '1 microsecond'
                            + (h15 % 31536000) * interval '1 second' AS upd,
                        CASE WHEN h16 % 100 < 95 THEN 'user-' || lpad((h16 % {Owners})::text, 3, '0') END AS owner,
                        CASE WHEN h25 % 3 = 0 THEN ARRAY[(@seg::text[])[1 + h26 % 10], (@seg::text[])[1 + (h26 % 10 + 1 + h27 % 9) % 10]]
                            ELSE ARRAY[(@seg::text[])[1 + h26 % 10]] END AS segments,
                        CASE h28 % 4
                            WHEN 0 THEN ARRAY[]::text[]
                            WHEN 1 THEN ARRAY[(@tag::text[])[1 + h29 % 16]]
                            WHEN 2 THEN ARRAY[(@tag::text[])[1 + h29 % 16], (@tag::text[])[1 + (h29 % 16 + 1 + h30 % 7) % 16]]
                            ELSE ARRAY[(@tag::text[])[1 + h29 % 16], (@tag::text[])[1 + (h29 % 16 + 1 + h30 % 7) % 16], (@tag::text[])[1 + (h29 % 16 + 8 + h31 % 7) % 16]]
                        END AS tags,
                        h32 % 100 < 3 AS strategic,
                        CASE WHEN h33 % 10 < 6 THEN (h34 % 101)::int END AS score,
                        (@stage::text[])[CASE WHEN h35 % 100 < 30 THEN 1 WHEN h35 % 100 < 50 THEN 2 WHEN h35 % 100 < 60 THEN 3
                            WHEN h35 % 100 < 90 THEN 4 WHEN h35 % 100 < 95 THEN 5 ELSE 6 END] AS stage
                    FROM (
                        SELECT i,
                            CASE WHEN c < 600 THEN 'BR' WHEN c < 850 THEN 'RO' WHEN c < 900 THEN 'PT' WHEN c < 930 THEN 'US'
                                WHEN c < 960 THEN 'AR' WHEN c < 980 THEN 'MX' ELSE 'ES' END AS country,
                            pg_temp.h(i, 2) % 100 < 30 AS person,
                            initcap((@syl::text[])[1 + pg_temp.h(i, 3) % 30] || (@syl::text[])[1 + pg_temp.h(i, 4) % 30]
                                || CASE WHEN pg_temp.h(i, 36) % 4 = 0 THEN '' ELSE (@syl::text[])[1 + pg_temp.h(i, 37) % 30] END) AS brand,
                            {string.Join(", ", Enumerable.Range(5, 31).Select(k => $"pg_temp.h(i, {k}) AS h{k}"))}
                        FROM (SELECT i, pg_temp.h(i, 1) % 1000 AS c FROM generate_series(@from::bigint, @to::bigint) AS g(i)) AS g
                    ) AS r0
                ) AS r
            ) AS w
        ) AS customer
        """;

    /// <summary>
    /// The legal name, as written or folded: the same choices (h5 pattern, h6/h7 surnames, h8 first name,
    /// h9 activity, h10 legal form, h11 "da", h12 second activity) over the twin lists.
    /// </summary>
    private static string LegalNameSql(bool folded)
    {
        string W(string list, string hash, int length) => $"@{list}{(folded ? "_f" : "")}[1 + {hash} % {length}]";
        // The literals are ASCII, so folding them is lower-casing (Fold would also trim " da ").
        string L(string literal) => $"'{(folded ? literal.ToLowerInvariant() : literal)}'";
        var brand = folded ? "lower(brand)" : "brand";
        var first = folded ? "first_f" : "first";
        var brForm = $"CASE WHEN h10 % 100 < 75 THEN {L("Ltda")} WHEN h10 % 100 < 85 THEN {L("S.A.")} WHEN h10 % 100 < 90 THEN {L("Eireli")} WHEN h10 % 100 < 95 THEN {L("ME")} ELSE {L("EPP")} END";
        var roForm = $"CASE WHEN h10 % 100 < 80 THEN {L("SRL")} WHEN h10 % 100 < 95 THEN {L("SA")} ELSE {L("PFA")} END";
        var brSurname = W("br_sur", "h6", BrazilianSurnames.Length);
        var brSurname2 = W("br_sur", "h7", BrazilianSurnames.Length);
        var roSurname = W("ro_sur", "h6", RomanianSurnames.Length);
        var brActivity = W("br_act", "h9", BrazilianActivities.Length);
        var roActivity = W("ro_act", "h9", RomanianActivities.Length);
        var otActivity = W("ot_act", "h12", OtherActivities.Length);
        return $"""
            CASE
                WHEN person AND country = 'BR' THEN {first} || CASE WHEN h11 % 10 < 3 THEN {L(" da ")} ELSE ' ' END || {brSurname} || ' ' || {brSurname2}
                WHEN person AND country = 'RO' THEN {first} || ' ' || {roSurname}
                WHEN person THEN {first} || ' ' || {W("ot_sur", "h6", OtherSurnames.Length)}
                WHEN country = 'BR' AND h5 % 10 < 4 THEN {brActivity} || ' ' || {brSurname} || ' ' || {brForm}
                WHEN country = 'BR' AND h5 % 10 < 7 THEN {brand} || ' ' || {brActivity} || ' ' || {brForm}
                WHEN country = 'BR' THEN {brSurname} || ' & ' || {brSurname2} || ' ' || {brForm}
                WHEN country = 'RO' AND h5 % 10 < 5 THEN {brand} || ' ' || {roActivity} || ' ' || {roForm}
                WHEN country = 'RO' THEN {roActivity} || ' ' || {roSurname} || ' ' || {roForm}
                WHEN country = 'PT' THEN {brand} || ' ' || {otActivity} || {L(" Lda")}
                WHEN country = 'US' THEN {brand} || ' ' || {otActivity} || CASE WHEN h10 % 2 = 0 THEN {L(" Inc")} ELSE {L(" LLC")} END
                WHEN country = 'AR' THEN {brand} || ' ' || {otActivity} || {L(" S.R.L.")}
                WHEN country = 'MX' THEN {brand} || ' ' || {otActivity} || {L(" S.A. de C.V.")}
                ELSE {brand} || ' ' || {otActivity} || {L(" S.L.")}
            END
            """;
    }
}
