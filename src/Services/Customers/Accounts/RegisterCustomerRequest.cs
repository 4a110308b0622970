using CrmPlatform.Customers.Fiscal;
namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// The body of <c>POST /api/customers</c>. Every property is nullable on purpose: a missing field is a
/// 422 that names it, not a deserialisation failure.
/// </summary>
public sealed record RegisterCustomerRequest(string? Kind, string? LegalName, string? TradeName, string? Country, string? TaxId)
{
    public const int MaxNameLength = 200;

    /// <summary>Checks the request and, when valid, gives the normalised values to store.</summary>
    public ValidatedRegistration Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();

        CustomerKind kind = default;
        if (string.IsNullOrWhiteSpace(Kind))
        {
            errors["kind"] = ["Kind is required: 'company' or 'person'."];
        }
        else if (!CustomerKinds.TryParse(Kind, out kind))
        {
            errors["kind"] = [$"'{Shorten(Kind)}' is not a kind: use 'company' or 'person'."];
        }

        var legalName = LegalName?.Trim();
        if (string.IsNullOrEmpty(legalName))
        {
            errors["legalName"] = ["Legal name is required."];
        }
        else if (legalName.Length > MaxNameLength)
        {
            errors["legalName"] = [$"Legal name is longer than {MaxNameLength} characters."];
        }

        var tradeName = string.IsNullOrWhiteSpace(TradeName) ? null : TradeName.Trim();
        if (tradeName?.Length > MaxNameLength)
        {
            errors["tradeName"] = [$"Trade name is longer than {MaxNameLength} characters."];
        }

        var country = Country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
        {
            errors["country"] = ["Country is required (ISO 3166-1 alpha-2, e.g. 'BR', 'RO')."];
        }
        else if (!Countries.IsAssigned(country))
        {
            errors["country"] = [$"'{Shorten(Country!)}' is not an ISO 3166-1 alpha-2 country code."];
        }

        var taxId = TaxId is null ? "" : TaxIdentity.Normalize(TaxId);
        if (string.IsNullOrWhiteSpace(TaxId))
        {
            errors["taxId"] = ["Tax id is required."];
        }
        else if (taxId.Length is < TaxIdentity.MinLength or > TaxIdentity.MaxLength)
        {
            errors["taxId"] = [$"Tax id must have {TaxIdentity.MinLength} to {TaxIdentity.MaxLength} letters or digits."];
        }

        return errors.Count > 0
            ? new ValidatedRegistration(null, errors)
            : new ValidatedRegistration(new Customer
            {
                Id = Guid.CreateVersion7(),
                Kind = kind,
                LegalName = legalName!,
                TradeName = tradeName,
                Country = country!,
                TaxId = taxId,
                RegisteredAt = now,
            }, errors);
    }

    /// <summary>Echo a caller's value in an error, but never a huge one.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>Either a customer ready to store or the errors per field (camelCase, as on the wire).</summary>
public sealed record ValidatedRegistration(Customer? Customer, IReadOnlyDictionary<string, string[]> Errors);
