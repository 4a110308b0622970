namespace CrmPlatform.Contracts.Analytics;

/// <summary>
/// A customer's RFM segment changed at a recompute of the RFM scores (for marketing: a champion slipping to at risk, a new
/// customer becoming loyal). Segments, in wire form: <c>champions</c>, <c>loyal</c>, <c>potential_loyalist</c>, <c>new</c>,
/// <c>promising</c>, <c>need_attention</c>, <c>about_to_sleep</c>, <c>at_risk</c>, <c>cant_lose</c>, <c>hibernating</c>,
/// <c>lost</c>. Scores are quintiles 1–5 among all customers with purchases (5 = most recent, most frequent, most spent).
/// </summary>
public sealed record CustomerValueSegmentChanged
{
    public required Guid CustomerId { get; init; }

    /// <summary>The segment before; null when the customer is scored for the first time.</summary>
    public string? PreviousSegment { get; init; }

    public required string Segment { get; init; }
    public required int RecencyScore { get; init; }
    public required int FrequencyScore { get; init; }
    public required int MonetaryScore { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
