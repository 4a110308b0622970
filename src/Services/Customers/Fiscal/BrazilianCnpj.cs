namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// CNPJ, the Brazilian tax id of a company: 12 letters or digits (alphanumeric since July 2026; older ones are all
/// digits and stay valid) and 2 mod-11 check digits.
/// </summary>
internal static class BrazilianCnpj
{
    public const int Length = 14;

    private static readonly int[] _firstWeights = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] _secondWeights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

    public static TaxIdCheck Check(string canonical, string echo)
    {
        if (canonical.Length == BrazilianCpf.Length && TaxIdText.IsAllDigits(canonical))
        {
            return Refuse(echo, "a company's Brazilian tax id is a CNPJ (14 characters); this looks like a CPF, which is for people");
        }

        // Normalisation already left only ASCII letters (upper case) and digits: the base needs no further check.
        if (canonical.Length != Length)
        {
            return Refuse(echo, "a CNPJ has 14 characters: 12 letters or digits, then 2 check digits");
        }

        if (!TaxIdText.IsAllDigits(canonical.AsSpan(Length - 2)))
        {
            return Refuse(echo, "its last 2 characters are check digits, so they must be digits");
        }

        // Of the one-character repetitions only 00.000.000/0000-00 passes the check digits; none is ever issued.
        if (TaxIdText.IsOneRepeatedCharacter(canonical))
        {
            return Refuse(echo, "a CNPJ is not one character repeated");
        }

        return BrazilianCheckDigits.Match(canonical, _firstWeights, _secondWeights)
            ? TaxIdCheck.Valid(canonical, TaxIdSchemes.Cnpj)
            : Refuse(echo, "check digits do not match");
    }

    private static TaxIdCheck Refuse(string echo, string reason) => TaxIds.Refuse(TaxIdSchemes.Cnpj, echo, reason);
}
