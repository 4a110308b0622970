namespace CrmPlatform.Customers.Accounts;

public enum CustomerKind
{
    Company,
    Person,
}

/// <summary>The one mapping between <see cref="CustomerKind"/> and its name on the wire.</summary>
public static class CustomerKinds
{
    public static string ToWireName(this CustomerKind kind) => kind switch
    {
        CustomerKind.Company => "company",
        CustomerKind.Person => "person",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Explicit names only (any case): Enum.TryParse would also take "1" or "company,person".</summary>
    public static bool TryParse(string value, out CustomerKind kind)
    {
        var name = value.Trim();
        foreach (var candidate in Enum.GetValues<CustomerKind>())
        {
            if (string.Equals(candidate.ToWireName(), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>A customer account of the portfolio ("carteira de clientes").</summary>
public sealed class Customer
{
    public Guid Id { get; init; }
    public CustomerKind Kind { get; init; }
    public required string LegalName { get; set; }
    public string? TradeName { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string Country { get; init; }

    /// <summary>Canonical form (<see cref="TaxIdentity.Normalize"/>); unique per country.</summary>
    public required string TaxId { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }
}
