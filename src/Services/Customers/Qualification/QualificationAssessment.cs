namespace CrmPlatform.Customers.Qualification;

/// <summary>
/// One assessment of a customer: does it fit our profile, can it buy, can it pay, is it worth
/// keeping. Assessments are never changed; a new one supersedes the last.
/// </summary>
public sealed class QualificationAssessment
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public int ProfileFit { get; init; }
    public int PurchaseCapacity { get; init; }

    /// <summary>As assessed, before the payment standing (overdue invoices) is applied.</summary>
    public int PaymentCapacityAssessed { get; init; }

    /// <summary>What the score used: the assessed value, capped while invoices are overdue.</summary>
    public int PaymentCapacity { get; init; }

    public int RetentionWorth { get; init; }
    public int Score { get; init; }
    public required string Decision { get; init; }

    /// <summary><c>seller</c> or <c>accounting</c>.</summary>
    public required string Source { get; init; }

    public string? AssessedBy { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset AssessedAt { get; init; }
}
