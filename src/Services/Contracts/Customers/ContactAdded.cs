namespace CrmPlatform.Contracts.Customers;

/// <summary>
/// A person at a customer account. <c>Role</c>: <c>decision_maker</c>, <c>influencer</c>, <c>buyer</c>,
/// <c>user</c>, <c>billing</c> or <c>other</c>. <c>PreferredChannel</c>: <c>email</c>, <c>phone</c>,
/// <c>whatsapp</c>, <c>sms</c> or <c>in_person</c>.
/// </summary>
public sealed record ContactData
{
    public required Guid ContactId { get; init; }
    public required string Name { get; init; }
    public required string Role { get; init; }
    public string? Position { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? PreferredChannel { get; init; }
    public bool MarketingEmailConsent { get; init; }
    public bool PhoneConsent { get; init; }
}

/// <summary>A contact was added to a customer account.</summary>
public sealed record ContactAdded
{
    public required Guid CustomerId { get; init; }
    public required ContactData Contact { get; init; }
    public required DateTimeOffset AddedAt { get; init; }
}
