using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;

namespace CrmPlatform.Customers.History;

/// <summary>One field that changed, old and new as JSON (null when absent).</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>
/// What changed between two states of a customer, field by field, named as on the API:
/// nested fiscal data and custom attributes count per member (<c>fiscal.taxRegime</c>,
/// <c>customAttributes.erpCode</c>); lists (segments, addresses) count as one field.
/// </summary>
public static class CustomerSnapshot
{
    public static Dictionary<string, string?> Of(Customer customer)
    {
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in CustomerInput.DocumentOf(customer))
        {
            if (name is "fiscal" or "customAttributes" && value is JsonObject nested)
            {
                foreach (var (member, memberValue) in nested)
                {
                    fields[$"{name}.{member}"] = memberValue?.ToJsonString();
                }
            }
            else if (name != "kind")
            {
                fields[name] = value?.ToJsonString();
            }
        }

        return fields;
    }

    public static List<FieldChange> Diff(Dictionary<string, string?> before, Dictionary<string, string?> after)
    {
        var changes = new List<FieldChange>();
        foreach (var field in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            before.TryGetValue(field, out var old);
            after.TryGetValue(field, out var current);
            if (old != current)
            {
                changes.Add(new FieldChange(field, old, current));
            }
        }

        return changes;
    }
}
