namespace CrmPlatform.Customers.History;

/// <summary>
/// One changed field of a customer: who, when, what, old → new. Written in the same transaction as
/// the change; never updated. <see cref="OldValue"/> and <see cref="NewValue"/> are JSON.
/// </summary>
public sealed class CustomerChange
{
    public long Id { get; private set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset ChangedAt { get; init; }
    public required string ChangedBy { get; init; }

    /// <summary>What kind of change: <c>registered</c>, <c>updated</c>, <c>stage</c>, <c>qualified</c>, <c>contact</c>, <c>merged</c>, <c>imported</c>, …</summary>
    public required string Operation { get; init; }

    public required string Field { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
}
