using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmPlatform.Customers.Accounts;

/// <summary>
/// The custom attributes this installation defines (configuration section
/// <c>Customers:CustomAttributes</c>, keyed by attribute name). A customer may only carry defined
/// attributes, each of its declared type.
/// </summary>
public sealed class CustomAttributeOptions
{
    public const string Section = "Customers:CustomAttributes";

    public Dictionary<string, CustomAttributeDefinition> Definitions { get; set; } = new(StringComparer.Ordinal);
}

public sealed class CustomAttributeDefinition
{
    /// <summary><c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>date</c> (yyyy-MM-dd) or <c>choice</c>.</summary>
    public string Type { get; set; } = "string";

    public bool Required { get; set; }
    public int MaxLength { get; set; } = 500;
    public decimal? Minimum { get; set; }
    public decimal? Maximum { get; set; }
    public List<string> Choices { get; set; } = [];
}

public static class CustomAttributes
{
    /// <summary>Checks <paramref name="attributes"/> against the definitions; gives the JSON to store.</summary>
    public static string Validate(JsonObject attributes, CustomAttributeOptions options, FieldErrors errors)
    {
        foreach (var (name, value) in attributes)
        {
            var field = $"customAttributes.{name}";
            if (!options.Definitions.TryGetValue(name, out var definition))
            {
                var defined = options.Definitions.Count == 0 ? "none are defined" : "defined: " + string.Join(", ", options.Definitions.Keys.Order(StringComparer.Ordinal));
                errors.Add(Text.Shorten(field), $"Not a custom attribute of this installation ({defined}).");
                continue;
            }

            Check(value, definition, field, errors);
        }

        foreach (var (name, definition) in options.Definitions)
        {
            if (definition.Required && attributes[name] is null)
            {
                errors.Add($"customAttributes.{name}", "Required.");
            }
        }

        return attributes.ToJsonString();
    }

    private static void Check(JsonNode? value, CustomAttributeDefinition definition, string field, FieldErrors errors)
    {
        var kind = value?.GetValueKind();
        switch (definition.Type)
        {
            case "string":
                if (kind != JsonValueKind.String)
                {
                    errors.Add(field, "Must be a string.");
                }
                else
                {
                    _ = Text.Clean(value!.GetValue<string>(), field, definition.MaxLength, errors, multiline: true);
                }

                break;
            case "number" or "integer":
                if (kind != JsonValueKind.Number || !value!.AsValue().TryGetValue(out decimal number))
                {
                    errors.Add(field, "Must be a number.");
                }
                else if (definition.Type == "integer" && number != decimal.Truncate(number))
                {
                    errors.Add(field, "Must be a whole number.");
                }
                else if (number < definition.Minimum || number > definition.Maximum)
                {
                    errors.Add(field, $"Must be between {definition.Minimum?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {definition.Maximum?.ToString(CultureInfo.InvariantCulture) ?? "∞"}.");
                }

                break;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(field, "Must be true or false.");
                }

                break;
            case "date":
                if (kind != JsonValueKind.String || !DateOnly.TryParseExact(value!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    errors.Add(field, "Must be a date (yyyy-MM-dd).");
                }

                break;
            case "choice":
                if (kind != JsonValueKind.String || !definition.Choices.Contains(value!.GetValue<string>()))
                {
                    errors.Add(field, $"Must be one of {string.Join(", ", definition.Choices)}.");
                }

                break;
            default:
                errors.Add(field, $"The installation defines an unknown type '{definition.Type}' for this attribute.");
                break;
        }
    }
}
