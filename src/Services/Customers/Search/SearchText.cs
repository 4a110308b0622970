using System.Globalization;
using System.Text;

namespace CrmPlatform.Customers.Search;

/// <summary>
/// The text the trigram index searches: names, tax id and e-mail folded to lower case without
/// accents, so "sao joao" finds "São João". Queries are folded the same way.
/// </summary>
public static class SearchText
{
    public static string For(string legalName, string? tradeName, string taxId, string? email)
    {
        var builder = new StringBuilder(legalName.Length + (tradeName?.Length ?? 0) + taxId.Length + (email?.Length ?? 0) + 3);
        builder.Append(Fold(legalName)).Append(' ');
        if (tradeName is not null)
        {
            builder.Append(Fold(tradeName)).Append(' ');
        }

        builder.Append(taxId.ToLowerInvariant());
        if (email is not null)
        {
            builder.Append(' ').Append(email.ToLowerInvariant());
        }

        return builder.ToString();
    }

    /// <summary>Lower case, diacritics removed (NFD, non-spacing marks dropped), whitespace collapsed.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return builder.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
    }
}
