namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// The mod-11 check digits of the CPF and the CNPJ (Receita Federal): each character is worth its ASCII code
/// minus 48, so '0'–'9' are 0–9 and, in the alphanumeric CNPJ, 'A'–'Z' are 17–42.
/// </summary>
internal static class BrazilianCheckDigits
{
    public static int Compute(ReadOnlySpan<char> body, ReadOnlySpan<int> weights)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            sum += (body[i] - '0') * weights[i];
        }

        var remainder = sum % 11;
        return remainder < 2 ? 0 : 11 - remainder;
    }

    /// <summary>Whether the last two characters are the check digits of what precedes them.</summary>
    public static bool Match(ReadOnlySpan<char> value, ReadOnlySpan<int> firstWeights, ReadOnlySpan<int> secondWeights) =>
        value[^2] - '0' == Compute(value[..^2], firstWeights)
        && value[^1] - '0' == Compute(value[..^1], secondWeights);
}
