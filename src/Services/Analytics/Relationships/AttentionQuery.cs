using CrmPlatform.Analytics.Infrastructure;
using CrmPlatform.Analytics.Lifetime;
using CrmPlatform.Analytics.Value;
using Npgsql;

namespace CrmPlatform.Analytics.Relationships;

/// <summary>A customer the attention query selected, with what its reasons are built from.</summary>
public sealed record AttentionRow(
    Guid CustomerId, decimal ValueAtRisk, decimal AnnualRevenue, DateTimeOffset? LastContactAt, DateTimeOffset? LastDecisionMakerContactAt,
    AttentionInputs Inputs);

/// <summary>
/// The attention list as one set-based query over the projections (customers, customer values, relationships, overdue
/// commitments, SLA breaches): it computes each customer's P(alive) and value at risk, keeps those a rule of
/// <see cref="AttentionRules"/> selects, and answers one keyset page by value at risk descending, then id descending.
/// </summary>
/// <remarks>
/// P(alive) is the BG/NBD closed form 1 / (1 + a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) for x ≥ 1 repeat purchase days (1 for
/// x = 0), in weeks, computed in log space; without a fitted model it falls back to the rhythm of the health score,
/// clamp((3 − days since last / usual interval) / 2, 0, 1).
/// </remarks>
public static class AttentionQuery
{
    public static async Task<List<AttentionRow>> RunAsync(
        AnalyticsDbContext db, DateTimeOffset now, BgNbdModel? model, AttentionOptions options, int take, (decimal Value, Guid Id)? after,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH base AS (
                SELECT c.id AS customer_id, coalesce(r.is_strategic, false) AS is_strategic,
                       r.last_contact_at, r.last_decision_maker_contact_at,
                       coalesce(v.purchase_days, 0) AS purchase_days, v.revenue, v.segment, v.previous_segment,
                       (v.first_purchase_at AT TIME ZONE 'UTC')::date AS first_day, (v.last_purchase_at AT TIME ZONE 'UTC')::date AS last_day,
                       coalesce(o.overdue, 0)::int AS overdue, coalesce(b.breaches, 0)::int AS breaches
                FROM analytics.customers c
                LEFT JOIN analytics.relationships r ON r.customer_id = c.id
                LEFT JOIN analytics.customer_values v ON v.customer_id = c.id
                LEFT JOIN (SELECT customer_id, count(*) AS overdue FROM analytics.overdue_commitments GROUP BY customer_id) o ON o.customer_id = c.id
                LEFT JOIN (SELECT customer_id, count(*) AS breaches FROM analytics.sla_breaches
                           WHERE breached_at > @now - make_interval(days => {AttentionRules.SlaWindowDays}) GROUP BY customer_id) b ON b.customer_id = c.id
                WHERE c.merged_into IS NULL
            ), timed AS (
                SELECT *,
                       CASE WHEN purchase_days > 1 THEN (last_day - first_day)::float8 / (purchase_days - 1) ELSE {RelationshipHealth.SingleBuyerIntervalDays}::float8 END AS interval_days,
                       (@today - last_day) AS since_last,
                       greatest(@today - first_day, last_day - first_day) AS age_days,
                       floor(extract(epoch FROM @now - last_contact_at) / 86400)::int AS since_contact,
                       floor(extract(epoch FROM @now - last_decision_maker_contact_at) / 86400)::int AS since_decision_maker
                FROM base
            ), measured AS (
                SELECT *,
                       CASE WHEN purchase_days = 0 THEN NULL
                            WHEN @model AND purchase_days = 1 THEN 1.0
                            WHEN @model THEN 1.0 / (1.0 + exp(least(700.0,
                                ln(@a / (@b + purchase_days - 2)) + (@r + purchase_days - 1) * ln((@alpha + age_days / 7.0) / (@alpha + (last_day - first_day) / 7.0)))))
                            ELSE greatest(0.0, least(1.0, (3 - since_last / greatest(1.0, interval_days)) / 2))
                       END AS p_alive,
                       coalesce(revenue * 365 / greatest(365, age_days), 0) AS annual_revenue
                FROM timed
            ), valued AS (
                SELECT *, round(annual_revenue * (1 - coalesce(p_alive, 1))::numeric, 2) AS value_at_risk FROM measured
            )
            SELECT customer_id, value_at_risk, round(annual_revenue, 2), last_contact_at, last_decision_maker_contact_at, is_strategic,
                   since_contact, since_decision_maker, purchase_days, since_last, interval_days, segment, previous_segment, overdue, breaches, p_alive
            FROM valued
            WHERE (overdue > 0
                OR breaches > 0
                OR (is_strategic AND (since_contact IS NULL OR since_contact > @strategicDays))
                OR (purchase_days > 0 AND (since_decision_maker IS NULL OR since_decision_maker > {AttentionRules.DecisionMakerDays}))
                OR (segment = ANY(@valuable) AND since_last > {AttentionRules.SlippingIntervalMultiple.ToString(System.Globalization.CultureInfo.InvariantCulture)} * interval_days)
                OR (previous_segment = ANY(@valuable) AND segment = ANY(@slipping) AND segment <> previous_segment)
                OR (purchase_days > 0 AND p_alive < @aliveThreshold))
              AND (NOT @hasAfter OR (value_at_risk, customer_id) < (@afterValue, @afterId))
            ORDER BY value_at_risk DESC, customer_id DESC
            LIMIT @take
            """;
        return await db.QueryAsync(sql, Map, cancellationToken,
            ("now", now),
            ("today", DateOnly.FromDateTime(now.UtcDateTime)),
            ("model", model is not null),
            ("r", model?.R ?? 1.0),
            ("alpha", model?.Alpha ?? 1.0),
            ("a", model?.A ?? 1.0),
            ("b", model?.B ?? 1.0),
            ("strategicDays", options.StrategicNoContactDays),
            ("aliveThreshold", options.AliveThreshold),
            ("valuable", AttentionRules.ValuableSegments),
            ("slipping", AttentionRules.SlippingSegments),
            ("hasAfter", after is not null),
            ("afterId", after?.Id ?? Guid.Empty),
            ("afterValue", after?.Value ?? 0m),
            ("take", take));
    }

    private static AttentionRow Map(NpgsqlDataReader r) => new(
        r.GetGuid(0),
        r.GetDecimal(1),
        r.GetDecimal(2),
        r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
        new AttentionInputs(
            r.GetBoolean(5),
            r.IsDBNull(6) ? null : r.GetInt32(6),
            r.IsDBNull(7) ? null : r.GetInt32(7),
            r.GetInt32(8),
            r.IsDBNull(9) ? null : r.GetInt32(9),
            r.IsDBNull(10) ? RelationshipHealth.SingleBuyerIntervalDays : r.GetDouble(10),
            r.IsDBNull(11) ? null : r.GetString(11),
            r.IsDBNull(12) ? null : r.GetString(12),
            r.GetInt32(13),
            r.GetInt32(14),
            r.IsDBNull(15) ? null : r.GetDouble(15)));

    /// <summary>The relationship signals of one customer for its health score.</summary>
    public static async Task<RelationshipSignals> SignalsAsync(AnalyticsDbContext db, Guid customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.QueryAsync($"""
            SELECT floor(extract(epoch FROM @now - r.last_contact_at) / 86400)::int,
                   floor(extract(epoch FROM @now - r.last_decision_maker_contact_at) / 86400)::int,
                   (SELECT count(*) FROM analytics.overdue_commitments o WHERE o.customer_id = @customer)::int,
                   (SELECT count(*) FROM analytics.sla_breaches b
                    WHERE b.customer_id = @customer AND b.breached_at > @now - make_interval(days => {AttentionRules.SlaWindowDays}))::int
            FROM (SELECT @customer AS customer_id) c LEFT JOIN analytics.relationships r USING (customer_id)
            """, r => new RelationshipSignals(r.IsDBNull(0) ? null : r.GetInt32(0), r.IsDBNull(1) ? null : r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)),
            cancellationToken, ("now", now), ("customer", customerId));
        return rows[0];
    }
}
