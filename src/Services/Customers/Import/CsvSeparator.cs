namespace CrmPlatform.Customers.Import;

/// <summary>The field separators the codec speaks: comma (RFC 4180) and semicolon (spreadsheets in comma-decimal locales).</summary>
internal static class CsvSeparator
{
    public static void EnsureSupported(char separator)
    {
        if (separator is not (',' or ';'))
        {
            throw new ArgumentException($"The separator must be ',' or ';', not '{separator}'.", nameof(separator));
        }
    }
}
