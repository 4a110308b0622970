using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.IntegrationTests.Fuzzing;

/// <summary>
/// Walks the JSON schemas of one document: follows <c>$ref</c> into <c>components/schemas</c> and
/// builds a plausible value of a schema, so one property at a time can be made wrong while the rest
/// of the body gets past the first checks.
/// </summary>
public sealed class SchemaWalker(JsonElement document)
{
    private const int MaxDepth = 4;

    // The order in which a schema allowing several types is read: structure before scalars, and
    // number before string because ASP.NET Core documents numbers as "integer or numeric string".
    private static readonly string[] _typePreference = ["object", "array", "integer", "number", "boolean", "string"];

    public JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 20 && schema.ValueKind == JsonValueKind.Object; hops++)
        {
            if (schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } path && path.StartsWith("#/", StringComparison.Ordinal))
            {
                schema = path[2..].Split('/').Aggregate(document, (node, segment) => node.GetProperty(segment));
            }
            else if (FirstNonNullAlternative(schema) is { } alternative)
            {
                schema = alternative;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    /// <summary>The schema's main type ("object", "string", ...), or null when it does not say.</summary>
    public string? TypeOf(JsonElement schema)
    {
        schema = Resolve(schema);
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out _) ? "object" : null;
        }

        if (type.ValueKind == JsonValueKind.String)
        {
            return type.GetString();
        }

        var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
        return _typePreference.FirstOrDefault(types.Contains);
    }

    public string? FormatOf(JsonElement schema) =>
        Resolve(schema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("format", out var format) ? format.GetString() : null;

    public IReadOnlyList<string> EnumOf(JsonElement schema) =>
        Resolve(schema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];

    public IReadOnlyList<(string Name, JsonElement Schema)> Properties(JsonElement schema) =>
        Resolve(schema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => (p.Name, p.Value))]
            : [];

    public JsonElement? Items(JsonElement schema) =>
        Resolve(schema) is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("items", out var items) ? items : null;

    /// <summary>A value of the schema; <paramref name="known"/> gives real values by property name (a real customerId).</summary>
    public JsonNode? Sample(JsonElement schema, Func<string, JsonNode?> known, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (TypeOf(schema))
        {
            case "object":
                var sample = new JsonObject();
                foreach (var (name, property) in Properties(schema))
                {
                    sample[name] = known(name) ?? Sample(property, known, depth + 1);
                }

                return sample;
            case "array":
                return Items(schema) is { } items ? new JsonArray(Sample(items, known, depth + 1)) : new JsonArray();
            case "integer" or "number":
                return 1;
            case "boolean":
                return true;
            case "string":
                return EnumOf(schema) is [var first, ..] ? first : FormatOf(schema) switch
                {
                    "uuid" => "5b0b8a64-0c1f-4f1c-9f3e-2a6b7c8d9e0f",
                    "date-time" => "2026-01-15T10:00:00Z",
                    "date" => "2026-01-15",
                    _ => "fuzz",
                };
            default:
                return null;
        }
    }

    private static JsonElement? FirstNonNullAlternative(JsonElement schema)
    {
        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array)
            {
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    if (!(alternative.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"))
                    {
                        return alternative;
                    }
                }
            }
        }

        return null;
    }
}
