using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.ServiceDefaults.Api;

/// <summary>
/// Reads one JSON value of a body with its expected type. A wrong type is an error on that field,
/// not an exception: the caller gets every problem of the body in one 422.
/// </summary>
public static class JsonFields
{
    public static bool IsNull(JsonNode? node) => node is null;

    public static bool String(JsonNode? node, string field, FieldErrors errors, out string? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            value = v.GetValue<string>();
            return true;
        }

        errors.Add(field, "Must be a string or null.");
        return false;
    }

    public static bool Boolean(JsonNode? node, string field, FieldErrors errors, out bool value)
    {
        value = false;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = v.GetValue<bool>();
            return true;
        }

        errors.Add(field, "Must be true or false.");
        return false;
    }

    public static bool Decimal(JsonNode? node, string field, FieldErrors errors, out decimal? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out decimal number))
        {
            value = number;
            return true;
        }

        errors.Add(field, "Must be a number or null.");
        return false;
    }

    public static bool Integer(JsonNode? node, string field, FieldErrors errors, out int? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out int number))
        {
            value = number;
            return true;
        }

        errors.Add(field, "Must be a whole number or null.");
        return false;
    }

    public static bool StringArray(JsonNode? node, string field, FieldErrors errors, out List<string?> values)
    {
        values = [];
        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array)
        {
            errors.Add(field, "Must be an array of strings.");
            return false;
        }

        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (String(array[i], $"{field}[{i}]", errors, out var item))
            {
                values.Add(item);
            }
            else
            {
                ok = false;
            }
        }

        return ok;
    }

    public static bool Object(JsonNode? node, string field, FieldErrors errors, out JsonObject? value)
    {
        value = node as JsonObject;
        if (node is null || value is not null)
        {
            return true;
        }

        errors.Add(field, "Must be an object or null.");
        return false;
    }
}
