namespace CrmPlatform.Customers.Accounts;

public enum CustomerKind
{
    Company,
    Person,
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
