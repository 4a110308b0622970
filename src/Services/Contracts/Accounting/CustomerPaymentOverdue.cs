namespace CrmPlatform.Contracts.Accounting;

/// <summary>
/// Published by accounting (the ERP): an invoice of the customer is past due and unpaid. The CRM
/// lowers the customer's payment capacity while invoices are overdue. Wire identity:
/// <c>urn:message:CrmPlatform.Contracts.Accounting:CustomerPaymentOverdue</c>; the message id must be
/// stable across republishing (it is the deduplication key).
/// </summary>
public sealed record CustomerPaymentOverdue
{
    public required Guid CustomerId { get; init; }

    /// <summary>The ERP's invoice (or instalment) key: overdue and received reports pair on it.</summary>
    public required string InvoiceId { get; init; }

    public required decimal Amount { get; init; }

    /// <summary>ISO 4217.</summary>
    public required string Currency { get; init; }

    public required DateOnly DueDate { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
}
