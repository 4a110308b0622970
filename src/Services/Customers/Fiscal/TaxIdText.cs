using System.Globalization;
using System.Text;

namespace CrmPlatform.Customers.Fiscal;

/// <summary>Character-level helpers shared by the tax id schemes.</summary>
internal static class TaxIdText
{
    /// <summary>Errors quote the caller's value, but never more than this many characters of it.</summary>
    public const int EchoLength = 40;

    public static string Echo(string raw)
    {
        var value = raw.Trim();
        if (value.Length <= EchoLength)
        {
            return value;
        }

        // Cutting between the halves of a surrogate pair would leave invalid UTF-16 in the response.
        var cut = char.IsHighSurrogate(value[EchoLength - 1]) ? EchoLength - 1 : EchoLength;
        return value[..cut] + "…";
    }

    /// <summary>The first character that is neither an ASCII letter or digit nor a usual separator, shown for a message.</summary>
    public static string? FindUnexpectedCharacter(string raw)
    {
        foreach (var rune in raw.EnumerateRunes())
        {
            if (!IsExpected(rune))
            {
                return Rune.IsControl(rune) ? $"U+{rune.Value:X4}" : $"'{rune}'";
            }
        }

        return null;
    }

    public static bool IsAllDigits(ReadOnlySpan<char> value) =>
        !value.IsEmpty && value.IndexOfAnyExceptInRange('0', '9') < 0;

    public static bool IsOneRepeatedCharacter(ReadOnlySpan<char> value) =>
        !value.IsEmpty && value.IndexOfAnyExcept(value[0]) < 0;

    /// <summary>Any whitespace and any dash (copy-paste brings non-breaking spaces and en dashes), dots, slashes.</summary>
    private static bool IsExpected(Rune rune) =>
        (rune.IsAscii && char.IsAsciiLetterOrDigit((char)rune.Value))
        || Rune.IsWhiteSpace(rune)
        || rune.Value is '.' or '/'
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.DashPunctuation;
}
