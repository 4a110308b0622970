namespace CrmPlatform.Customers.Contacts;

/// <summary>A person at a customer account, and how (and whether) we may reach them.</summary>
public sealed class Contact
{
    public Guid Id { get; init; }
    public Guid CustomerId { get; set; }
    public required string Name { get; set; }
    public ContactRole Role { get; set; }
    public string? Position { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public ContactChannel? PreferredChannel { get; set; }

    /// <summary>LGPD / GDPR consent, given by the person; false until given.</summary>
    public bool MarketingEmailConsent { get; set; }
    public bool PhoneConsent { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The contact's own ETag and concurrency token.</summary>
    public long Version { get; set; } = 1;
}

public enum ContactRole
{
    DecisionMaker,
    Influencer,
    Buyer,
    User,
    Billing,
    Other,
}

public enum ContactChannel
{
    Email,
    Phone,
    WhatsApp,
    Sms,
    InPerson,
}
