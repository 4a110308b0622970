namespace CrmPlatform.Customers.Qualification;

/// <summary>Open overdue invoices per customer, from accounting's events (idempotent by invoice).</summary>
public sealed class OverdueInvoice
{
    public Guid CustomerId { get; set; }
    public required string InvoiceId { get; init; }
    public decimal Amount { get; init; }
    public required string Currency { get; init; }
    public DateOnly DueDate { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
}
