using System.Text.Json.Nodes;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Reads typed values of a JSON body (ids, enum wire names, times) into the value or an error on
/// the field, so a body's every problem comes back in one 422.
/// </summary>
public static class JsonValues
{
    public static Guid? Guid(JsonNode? node, string field, FieldErrors errors, bool required)
    {
        if (!JsonFields.String(node, field, errors, out var raw))
        {
            return null;
        }

        if (raw is null)
        {
            if (required)
            {
                errors.Add(field, "Required.");
            }

            return null;
        }

        if (!System.Guid.TryParse(raw, out var id))
        {
            errors.Add(field, "Must be an id (a UUID).");
            return null;
        }

        return id;
    }

    public static List<Guid> Guids(JsonNode? node, string field, int maxCount, FieldErrors errors)
    {
        var ids = new List<Guid>();
        if (!JsonFields.StringArray(node, field, errors, out var values))
        {
            return ids;
        }

        if (values.Count > maxCount)
        {
            errors.Add(field, $"At most {maxCount} ids.");
            return ids;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!System.Guid.TryParse(values[i], out var id))
            {
                errors.Add($"{field}[{i}]", "Must be an id (a UUID).");
            }
            else if (!ids.Contains(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    public static TEnum? Enum<TEnum>(JsonNode? node, string field, FieldErrors errors, bool required) where TEnum : struct, Enum
    {
        if (!JsonFields.String(node, field, errors, out var raw))
        {
            return null;
        }

        if (raw is null)
        {
            if (required)
            {
                errors.Add(field, $"Required: one of {WireNames.Choices<TEnum>()}.");
            }

            return null;
        }

        if (!WireNames.TryParse<TEnum>(raw, out var value))
        {
            errors.Add(field, $"'{Text.Shorten(raw)}' is not one of {WireNames.Choices<TEnum>()}.");
            return null;
        }

        return value;
    }

    public static DateTimeOffset? Time(JsonNode? node, string field, FieldErrors errors, bool required)
    {
        if (!JsonFields.String(node, field, errors, out var raw))
        {
            return null;
        }

        if (raw is null)
        {
            if (required)
            {
                errors.Add(field, "Required: an ISO 8601 time with offset, e.g. 2026-11-23T14:30:00-03:00.");
            }

            return null;
        }

        if (!Times.TryParse(raw, out var at) || raw.Length <= 10)
        {
            errors.Add(field, "Must be an ISO 8601 time with offset, e.g. 2026-11-23T14:30:00-03:00.");
            return null;
        }

        return at;
    }
}
