using CrmPlatform.Customers.Accounts;

namespace CrmPlatform.Customers.Fiscal;

/// <summary>Checks a tax id against the rules of its country for the kind of customer, and gives its canonical form.</summary>
public static class TaxIds
{
    /// <summary>
    /// As <see cref="Validate(string, CustomerKind, string?, DateOnly)"/>, with "today" taken in UTC+14, the
    /// timezone that reaches a date first: someone born today in their own timezone is never refused.
    /// </summary>
    public static TaxIdCheck Validate(string country, CustomerKind kind, string? raw) =>
        Validate(country, kind, raw, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(14)));

    /// <param name="country">ISO 3166-1 alpha-2, upper case, already checked by the caller.</param>
    /// <param name="kind">Picks the scheme where a country has one per kind (Brazil, Romania).</param>
    /// <param name="raw">The value as typed: spaces, dots, dashes and slashes are accepted and dropped.</param>
    /// <param name="today">A birth date after it is refused (Romanian CNP).</param>
    public static TaxIdCheck Validate(string country, CustomerKind kind, string? raw, DateOnly today)
    {
        var scheme = SchemeOf(country, kind);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return TaxIdCheck.Invalid(scheme, "Tax id is required.");
        }

        var echo = TaxIdText.Echo(raw);

        // Normalize would silently drop anything else, so "A&B1" and "AB1" would become one identity.
        if (TaxIdText.FindUnexpectedCharacter(raw) is { } unexpected)
        {
            return Refuse(scheme, echo, $"{unexpected} is not a letter, a digit or a separator (space, dot, dash, slash)");
        }

        var canonical = TaxIdentity.Normalize(raw);
        return scheme switch
        {
            TaxIdSchemes.Cpf => BrazilianCpf.Check(canonical, echo),
            TaxIdSchemes.Cnpj => BrazilianCnpj.Check(canonical, echo),
            TaxIdSchemes.Cnp => RomanianCnp.Check(canonical, echo, today),
            TaxIdSchemes.Cui => RomanianCui.Check(canonical, echo),
            _ => CheckOther(canonical, echo),
        };
    }

    /// <summary>The error for a value that breaks a scheme's rule: "'…' is not a valid CPF: reason."</summary>
    internal static TaxIdCheck Refuse(string scheme, string echo, string reason)
    {
        var name = scheme == TaxIdSchemes.Other ? "tax id" : scheme;
        return TaxIdCheck.Invalid(scheme, $"'{echo}' is not a valid {name}: {reason}.");
    }

    private static string SchemeOf(string country, CustomerKind kind) => (country, kind) switch
    {
        ("BR", CustomerKind.Person) => TaxIdSchemes.Cpf,
        ("BR", CustomerKind.Company) => TaxIdSchemes.Cnpj,
        ("RO", CustomerKind.Person) => TaxIdSchemes.Cnp,
        ("RO", CustomerKind.Company) => TaxIdSchemes.Cui,
        ("BR" or "RO", _) => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        _ => TaxIdSchemes.Other,
    };

    /// <summary>Countries without a scheme here: the shape the database accepts, no checksum.</summary>
    private static TaxIdCheck CheckOther(string canonical, string echo) =>
        canonical.Length is < TaxIdentity.MinLength or > TaxIdentity.MaxLength
            ? Refuse(TaxIdSchemes.Other, echo, $"it must have {TaxIdentity.MinLength} to {TaxIdentity.MaxLength} letters or digits")
            : TaxIdCheck.Valid(canonical, TaxIdSchemes.Other);
}
