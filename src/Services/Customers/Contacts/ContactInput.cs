using System.Text.Json.Nodes;
using CrmPlatform.Contracts.Customers;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Validation;

namespace CrmPlatform.Customers.Contacts;

/// <summary>A contact as a JSON document: read and checked the same way for adding and for merge-patching.</summary>
public static class ContactInput
{
    private static readonly HashSet<string> _members = ["name", "role", "position", "email", "phone", "preferredChannel", "marketingEmailConsent", "phoneConsent"];

    private static readonly Dictionary<string, ContactRole> _roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["decision_maker"] = ContactRole.DecisionMaker,
        ["influencer"] = ContactRole.Influencer,
        ["buyer"] = ContactRole.Buyer,
        ["user"] = ContactRole.User,
        ["billing"] = ContactRole.Billing,
        ["other"] = ContactRole.Other,
    };

    private static readonly Dictionary<string, ContactChannel> _channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = ContactChannel.Email,
        ["phone"] = ContactChannel.Phone,
        ["whatsapp"] = ContactChannel.WhatsApp,
        ["sms"] = ContactChannel.Sms,
        ["in_person"] = ContactChannel.InPerson,
    };

    public static string WireName(this ContactRole role) => _roles.First(r => r.Value == role).Key;

    public static string WireName(this ContactChannel channel) => _channels.First(c => c.Value == channel).Key;

    /// <summary>Checks <paramref name="document"/> and copies it onto <paramref name="contact"/>; false (and errors) when invalid.</summary>
    public static bool Apply(JsonObject document, Contact contact, FieldErrors errors)
    {
        var before = errors.Count;
        foreach (var (member, _) in document)
        {
            if (!_members.Contains(member))
            {
                errors.Add(Text.Shorten(member), "Unknown field.");
            }
        }

        string? Read(string member, int max) =>
            JsonFields.String(document[member], member, errors, out var raw) ? Text.Clean(raw, member, max, errors) : null;

        var name = Read("name", CustomerLimits.Name);
        if (name is null && !errors.Has("name"))
        {
            errors.Add("name", "Required.");
        }

        var role = Read("role", 20);
        ContactRole parsedRole = default;
        if (role is null && !errors.Has("role"))
        {
            errors.Add("role", $"Required: one of {string.Join(", ", _roles.Keys)}.");
        }
        else if (role is not null && !_roles.TryGetValue(role, out parsedRole))
        {
            errors.Add("role", $"Must be one of {string.Join(", ", _roles.Keys)}.");
        }

        var channel = Read("preferredChannel", 20);
        ContactChannel parsedChannel = default;
        if (channel is not null && !_channels.TryGetValue(channel, out parsedChannel))
        {
            errors.Add("preferredChannel", $"Must be one of {string.Join(", ", _channels.Keys)}.");
        }

        var position = Read("position", CustomerLimits.ShortText);
        var email = ContactPoints.Email(Read("email", CustomerLimits.Email), "email", errors);
        var phone = ContactPoints.Phone(Read("phone", CustomerLimits.Phone), "phone", errors);
        var marketing = false;
        var phoneConsent = false;
        if (document["marketingEmailConsent"] is { } m)
        {
            JsonFields.Boolean(m, "marketingEmailConsent", errors, out marketing);
        }

        if (document["phoneConsent"] is { } p)
        {
            JsonFields.Boolean(p, "phoneConsent", errors, out phoneConsent);
        }

        if (errors.Count > before)
        {
            return false;
        }

        contact.Name = name!;
        contact.Role = parsedRole;
        contact.Position = position;
        contact.Email = email;
        contact.Phone = phone;
        contact.PreferredChannel = channel is null ? null : parsedChannel;
        contact.MarketingEmailConsent = marketing;
        contact.PhoneConsent = phoneConsent;
        return true;
    }

    public static JsonObject DocumentOf(Contact contact) => new()
    {
        ["name"] = contact.Name,
        ["role"] = contact.Role.WireName(),
        ["position"] = contact.Position,
        ["email"] = contact.Email,
        ["phone"] = contact.Phone,
        ["preferredChannel"] = contact.PreferredChannel?.WireName(),
        ["marketingEmailConsent"] = contact.MarketingEmailConsent,
        ["phoneConsent"] = contact.PhoneConsent,
    };

    public static ContactData ToContract(Contact contact) => new()
    {
        ContactId = contact.Id,
        Name = contact.Name,
        Role = contact.Role.WireName(),
        Position = contact.Position,
        Email = contact.Email,
        Phone = contact.Phone,
        PreferredChannel = contact.PreferredChannel?.WireName(),
        MarketingEmailConsent = contact.MarketingEmailConsent,
        PhoneConsent = contact.PhoneConsent,
    };
}

public sealed record ContactResponse(
    Guid Id, Guid CustomerId, string Name, string Role, string? Position, string? Email, string? Phone, string? PreferredChannel,
    bool MarketingEmailConsent, bool PhoneConsent, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    public static ContactResponse From(Contact c) => new(
        c.Id, c.CustomerId, c.Name, c.Role.WireName(), c.Position, c.Email, c.Phone, c.PreferredChannel?.WireName(),
        c.MarketingEmailConsent, c.PhoneConsent, c.CreatedAt, c.UpdatedAt, c.Version);
}
