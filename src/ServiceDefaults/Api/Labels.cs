using System.Text.Json.Nodes;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Segments and tags: short lower-case labels (letters, digits, space, - _ . /), each once, so
/// filters match however they were typed.
/// </summary>
public static class Labels
{
    public const int DefaultMaxLength = 50;
    public const int DefaultMaxCount = 50;

    public static List<string> Read(JsonNode? node, string field, FieldErrors errors, int maxCount = DefaultMaxCount, int maxLength = DefaultMaxLength)
    {
        var labels = new List<string>();
        if (!JsonFields.StringArray(node, field, errors, out var values))
        {
            return labels;
        }

        if (values.Count > maxCount)
        {
            errors.Add(field, $"At most {maxCount} labels.");
            return labels;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var label = Normalize(values[i], $"{field}[{i}]", errors, maxLength);
            if (label is not null && !labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        return labels;
    }

    public static string? Normalize(string? value, string field, FieldErrors errors, int maxLength = DefaultMaxLength)
    {
        var label = Text.Clean(value, field, maxLength, errors)?.ToLowerInvariant();
        if (label is null)
        {
            if (!errors.Has(field))
            {
                errors.Add(field, "Must not be empty.");
            }

            return null;
        }

        if (!label.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '/'))
        {
            errors.Add(field, $"'{Text.Shorten(label)}' may hold only letters, digits, spaces and - _ . /");
            return null;
        }

        return label;
    }
}
