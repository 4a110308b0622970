namespace CrmPlatform.Customers.Validation;

/// <summary>
/// E-mail, phone and website in one canonical form each, so that the same address typed twice is
/// the same value (duplicate detection compares these).
/// </summary>
public static class ContactPoints
{
    /// <summary>Lower case; one @, a dotted domain, no spaces.</summary>
    public static string? Email(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var valid = at > 0
            && at == value.LastIndexOf('@')
            && value.IndexOf('.', at) > at + 1
            && !value.EndsWith('.')
            && !value.Any(char.IsWhiteSpace);
        if (!valid)
        {
            errors.Add(field, $"'{Text.Shorten(value)}' is not an e-mail address.");
            return null;
        }

        return value.ToLowerInvariant();
    }

    /// <summary>Digits only, with a leading + when given (international form); 7 to 15 digits (E.164).</summary>
    public static string? Phone(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var digits = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '(' or ')' or '-' or '.' or '+') || (c == '+' && i != 0))
            {
                errors.Add(field, $"'{Text.Shorten(value)}' is not a phone number: use digits, spaces, ( ) - . and a leading +.");
                return null;
            }
        }

        if (digits is < 7 or > 15)
        {
            errors.Add(field, "A phone number has 7 to 15 digits.");
            return null;
        }

        return (value.StartsWith('+') ? "+" : "") + string.Concat(value.Where(char.IsAsciiDigit));
    }

    /// <summary>An absolute http(s) URL; "acme.com.br" is taken as https://acme.com.br.</summary>
    public static string? Website(string? value, string field, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        var candidate = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"'{Text.Shorten(value)}' is not a website address (http or https).");
            return null;
        }

        return uri.ToString().TrimEnd('/');
    }
}
