using System.Text.Json.Nodes;

namespace CrmPlatform.Customers.Accounts;

/// <summary>Reads and checks a postal address of a body.</summary>
public static class AddressInput
{
    public static readonly string[] Kinds = ["billing", "shipping", "other"];
    private static readonly HashSet<string> _members = ["kind", "line1", "line2", "city", "region", "postalCode", "country"];

    /// <summary><paramref name="fixedKind"/> is the kind of an address whose place decides it (the fiscal address).</summary>
    public static Address? Read(JsonNode? node, string field, FieldErrors errors, string? fixedKind = null)
    {
        if (!JsonFields.Object(node, field, errors, out var value) || value is null)
        {
            return null;
        }

        foreach (var (name, _) in value)
        {
            if (!_members.Contains(name))
            {
                errors.Add($"{field}.{name}", "Unknown field.");
            }
        }

        var before = errors.Count;
        string? Read(string name, int max)
        {
            JsonFields.String(value[name], $"{field}.{name}", errors, out var raw);
            return Text.Clean(raw, $"{field}.{name}", max, errors);
        }

        var kind = fixedKind ?? Read("kind", 16)?.ToLowerInvariant();
        if (fixedKind is null && kind is null)
        {
            errors.Add($"{field}.kind", $"Required: one of {string.Join(", ", Kinds)}.");
        }
        else if (fixedKind is null && !Kinds.Contains(kind))
        {
            errors.Add($"{field}.kind", $"Must be one of {string.Join(", ", Kinds)}.");
        }
        else if (fixedKind is not null && value["kind"] is not null && Read("kind", 16) is { } given && given != fixedKind)
        {
            errors.Add($"{field}.kind", $"This address is always '{fixedKind}'.");
        }

        var line1 = Read("line1", CustomerLimits.AddressLine);
        var line2 = Read("line2", CustomerLimits.AddressLine);
        var city = Read("city", CustomerLimits.ShortText);
        var region = Read("region", CustomerLimits.ShortText);
        var postalCode = Read("postalCode", 20);
        var country = Read("country", 2)?.ToUpperInvariant();
        if (line1 is null && !errors.Has($"{field}.line1"))
        {
            errors.Add($"{field}.line1", "Required.");
        }

        if (city is null && !errors.Has($"{field}.city"))
        {
            errors.Add($"{field}.city", "Required.");
        }

        if (country is null && !errors.Has($"{field}.country"))
        {
            errors.Add($"{field}.country", "Required (ISO 3166-1 alpha-2).");
        }
        else if (country is not null && !Countries.IsAssigned(country))
        {
            errors.Add($"{field}.country", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        }

        return errors.Count > before || line1 is null || city is null || country is null || kind is null
            ? null
            : new Address { Kind = kind, Line1 = line1, Line2 = line2, City = city, Region = region, PostalCode = postalCode, Country = country };
    }

    public static JsonObject ToJson(Address address, bool withKind = true)
    {
        var json = new JsonObject();
        if (withKind)
        {
            json["kind"] = address.Kind;
        }

        json["line1"] = address.Line1;
        json["line2"] = address.Line2;
        json["city"] = address.City;
        json["region"] = address.Region;
        json["postalCode"] = address.PostalCode;
        json["country"] = address.Country;
        return json;
    }
}
