namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// A customer was (re)assessed. Criteria and <see cref="Score"/> are 0–100; <see cref="Decision"/> is
/// <c>qualified</c>, <c>nurture</c> or <c>disqualified</c>. <see cref="Source"/> is <c>seller</c> for an
/// assessment made by a person, <c>accounting</c> when a payment event moved the payment capacity.
/// </summary>
public sealed record CustomerQualified
{
    public required Guid CustomerId { get; init; }
    public required Guid AssessmentId { get; init; }
    public required int Score { get; init; }
    public required string Decision { get; init; }
    public required int ProfileFit { get; init; }
    public required int PurchaseCapacity { get; init; }
    public required int PaymentCapacity { get; init; }
    public required int RetentionWorth { get; init; }
    public required string Source { get; init; }
    public string? AssessedBy { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
}
