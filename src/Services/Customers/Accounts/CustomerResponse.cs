namespace CrmPlatform.Customers.Accounts;

public sealed record CustomerResponse(
    Guid Id, string Kind, string LegalName, string? TradeName, string Country, string TaxId, DateTimeOffset RegisteredAt)
{
    public static CustomerResponse From(Customer customer) => new(
        customer.Id,
        customer.Kind.ToWireName(),
        customer.LegalName,
        customer.TradeName,
        customer.Country,
        customer.TaxId,
        customer.RegisteredAt);
}
