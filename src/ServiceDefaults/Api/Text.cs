namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>Rules every text a caller sends must meet before it reaches the database.</summary>
public static class Text
{
    /// <summary>Echo a caller's value in an error, but never a huge one.</summary>
    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>
    /// Trims; blank is null. Refuses what PostgreSQL or UTF-8 cannot store (NUL, lone surrogates) and,
    /// unless <paramref name="multiline"/>, control characters: they would be a 500 or invisible junk.
    /// </summary>
    public static string? Clean(string? value, string field, int maxLength, FieldErrors errors, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > maxLength)
        {
            errors.Add(field, $"Longer than {maxLength} characters.");
            return null;
        }

        if (!IsWellFormed(trimmed))
        {
            errors.Add(field, "Contains invalid Unicode (an unpaired surrogate).");
            return null;
        }

        foreach (var c in trimmed)
        {
            if (c == '\0' || (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                errors.Add(field, "Contains a control character.");
                return null;
            }
        }

        return trimmed;
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
