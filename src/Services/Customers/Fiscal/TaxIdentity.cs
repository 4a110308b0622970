namespace CrmPlatform.Customers.Fiscal;

/// <summary>
/// The canonical form of a tax id: punctuation and spaces stripped, letters upper case, so
/// "12.345.678/0001-95" and "12345678000195" are the same identity.
/// </summary>
public static class TaxIdentity
{
    public const int MinLength = 2;
    public const int MaxLength = 20;

    public static string Normalize(string taxId) =>
        string.Concat(taxId.Where(char.IsAsciiLetterOrDigit)).ToUpperInvariant();
}
