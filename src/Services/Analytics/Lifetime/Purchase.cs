namespace CrmPlatform.Analytics.Lifetime;

/// <summary>One purchase of a customer: the day it happened on and what it was worth.</summary>
/// <remarks>
/// The models count days, not purchases: several purchases on one day are one transaction of their summed amount
/// (an order split into several invoices is still one visit). Refunds may be given as negative amounts; they are
/// netted within their day.
/// </remarks>
public readonly record struct Purchase<TCustomer>(TCustomer CustomerId, DateOnly Day, decimal Amount)
{
    /// <summary>
    /// A purchase at an instant, on the calendar day of its own offset: the day the customer saw. Convert the instant
    /// first (TimeZoneInfo.ConvertTime) to count days in the business's time zone instead.
    /// </summary>
    public Purchase(TCustomer customerId, DateTimeOffset occurredAt, decimal amount)
        : this(customerId, DateOnly.FromDateTime(occurredAt.DateTime), amount)
    {
    }
}
