namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// CUI (Cod Unic de Înregistrare, also CIF), the Romanian tax id of a company: 2 to 10 digits, no leading zero,
/// the last one a control digit.
/// </summary>
/// <remarks>
/// VAT payers write it after "RO". The prefix says the company is registered for VAT (which can change), not which
/// company it is, so the canonical form is the digits alone: "RO18547290" and "18547290" are one identity.
/// </remarks>
internal static class RomanianCui
{
    public const int MinLength = 2;
    public const int MaxLength = 10;

    private const string VatPrefix = "RO";

    /// <summary>Aligned to the right of the digits before the control digit.</summary>
    private static readonly int[] _controlKey = [7, 5, 3, 2, 1, 7, 5, 3, 2];

    /// <summary>Whether a value meant as something else has a CUI's shape, to say so in the error.</summary>
    public static bool LooksLikeOne(string canonical)
    {
        var digits = WithoutVatPrefix(canonical);
        return digits.Length != canonical.Length
            || (digits.Length is >= MinLength and <= MaxLength && TaxIdText.IsAllDigits(digits));
    }

    public static TaxIdCheck Check(string canonical, string echo)
    {
        var digits = WithoutVatPrefix(canonical);
        if (digits.Length == RomanianCnp.Length && TaxIdText.IsAllDigits(digits))
        {
            return Refuse(echo, "a company's Romanian tax id is a CUI (2 to 10 digits, optionally after 'RO'); this looks like a CNP, which is for people");
        }

        if (digits.Length is < MinLength or > MaxLength || !TaxIdText.IsAllDigits(digits))
        {
            return Refuse(echo, "a CUI has 2 to 10 digits, optionally after 'RO'");
        }

        if (digits[0] == '0')
        {
            return Refuse(echo, "a CUI does not start with 0");
        }

        return ControlDigit(digits) == digits[^1] - '0'
            ? TaxIdCheck.Valid(digits, TaxIdSchemes.Cui)
            : Refuse(echo, "its control digit does not match");
    }

    private static string WithoutVatPrefix(string canonical) =>
        canonical.StartsWith(VatPrefix, StringComparison.Ordinal) ? canonical[VatPrefix.Length..] : canonical;

    /// <summary>Sum of the digits times the right end of the key, times 10, mod 11; 10 becomes 0.</summary>
    private static int ControlDigit(string digits)
    {
        var body = digits.AsSpan(0, digits.Length - 1);
        var key = _controlKey.AsSpan(_controlKey.Length - body.Length);
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[i] - '0') * key[i];
        }

        var control = sum * 10 % 11;
        return control == 10 ? 0 : control;
    }

    private static TaxIdCheck Refuse(string echo, string reason) => TaxIds.Refuse(TaxIdSchemes.Cui, echo, reason);
}
