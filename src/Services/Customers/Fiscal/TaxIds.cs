using CrmPlatform.Customers.Accounts;

namespace CrmPlatform.Customers.Fiscal;

// Placeholder until the checksum validators land; same signature.
public readonly record struct TaxIdCheck(string? Canonical, string? Error, string? Scheme);

public static class TaxIds
{
    public static TaxIdCheck Validate(string country, CustomerKind kind, string? raw)
    {
        _ = country;
        _ = kind;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new(null, "Tax id is required.", null);
        }

        var canonical = TaxIdentity.Normalize(raw);
        return canonical.Length is < TaxIdentity.MinLength or > TaxIdentity.MaxLength
            ? new(null, $"Tax id must have {TaxIdentity.MinLength} to {TaxIdentity.MaxLength} letters or digits.", null)
            : new(canonical, null, "other");
    }
}
