using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;

namespace CrmPlatform.Customers.Validation;

/// <summary>
/// Segments and tags: short lower-case labels (letters, digits, space, - _ . /), each once, so
/// filters match however they were typed.
/// </summary>
public static class Labels
{
    public static List<string> Read(JsonNode? node, string field, FieldErrors errors)
    {
        var labels = new List<string>();
        if (!JsonFields.StringArray(node, field, errors, out var values))
        {
            return labels;
        }

        if (values.Count > CustomerLimits.LabelsPerList)
        {
            errors.Add(field, $"At most {CustomerLimits.LabelsPerList} labels.");
            return labels;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var label = Normalize(values[i], $"{field}[{i}]", errors);
            if (label is not null && !labels.Contains(label))
            {
                labels.Add(label);
            }
        }

        return labels;
    }

    public static string? Normalize(string? value, string field, FieldErrors errors)
    {
        var label = Text.Clean(value, field, CustomerLimits.Label, errors)?.ToLowerInvariant();
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
