namespace CrmPlatform.Contracts.Accounting;

/// <summary>
/// Published by accounting (the ERP): a payment of the customer was received. If it settles an
/// invoice reported overdue (same <see cref="InvoiceId"/>), that invoice no longer counts against the
/// customer's payment capacity.
/// </summary>
public sealed record CustomerPaymentReceived
{
    public required Guid CustomerId { get; init; }
    public required string InvoiceId { get; init; }
    public required decimal Amount { get; init; }

    /// <summary>ISO 4217.</summary>
    public required string Currency { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }
}
