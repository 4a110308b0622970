namespace CrmPlatform.Customers.Fiscal;

/// <summary>CPF, the Brazilian tax id of a person: 9 digits and 2 mod-11 check digits.</summary>
internal static class BrazilianCpf
{
    public const int Length = 11;

    private static readonly int[] _firstWeights = [10, 9, 8, 7, 6, 5, 4, 3, 2];
    private static readonly int[] _secondWeights = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2];

    public static TaxIdCheck Check(string canonical, string echo)
    {
        if (canonical.Length == BrazilianCnpj.Length)
        {
            return Refuse(echo, "a person's Brazilian tax id is a CPF (11 digits); this looks like a CNPJ, which is for companies");
        }

        if (canonical.Length != Length || !TaxIdText.IsAllDigits(canonical))
        {
            return Refuse(echo, "a CPF has 11 digits");
        }

        // 111.111.111-11 and its kind pass the check digits, but the Receita never issues them.
        if (TaxIdText.IsOneRepeatedCharacter(canonical))
        {
            return Refuse(echo, "a CPF is not one digit repeated");
        }

        return BrazilianCheckDigits.Match(canonical, _firstWeights, _secondWeights)
            ? TaxIdCheck.Valid(canonical, TaxIdSchemes.Cpf)
            : Refuse(echo, "check digits do not match");
    }

    private static TaxIdCheck Refuse(string echo, string reason) => TaxIds.Refuse(TaxIdSchemes.Cpf, echo, reason);
}
