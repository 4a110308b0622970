
namespace CrmPlatform.Customers.Import;

/// <summary>The columns of the customer CSV, shared by import and export so an export re-imports unchanged.</summary>
public static class CustomerColumns
{
    public const char ListSeparator = ';';

    /// <summary>In export order; import matches them by name, case-insensitively.</summary>
    public static readonly string[] All =
    [
        "kind", "legalName", "tradeName", "country", "taxId", "email", "phone", "website", "industry", "size", "ownerId",
        "segments", "tags", "isStrategic", "creditLimit", "currency", "paymentTermsDays", "stage",
        "fiscal.stateRegistration", "fiscal.municipalRegistration", "fiscal.taxRegime",
    ];

    public static readonly string[] Required = ["kind", "legalName", "country", "taxId"];

    public static readonly HashSet<string> Lists = ["segments", "tags"];

    private static readonly Dictionary<string, string> _byLowerName = All.ToDictionary(c => c.ToLowerInvariant(), c => c);

    /// <summary>
    /// The column name of each position of <paramref name="header"/>; null with <paramref name="errors"/>
    /// naming every unknown, repeated or missing column.
    /// </summary>
    public static string[]? ReadHeader(IReadOnlyList<string> header, FieldErrors errors)
    {
        var columns = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            if (!_byLowerName.TryGetValue(name.ToLowerInvariant(), out var column))
            {
                errors.Add(Text.Shorten(name), $"Unknown column (position {i + 1}). Columns: {string.Join(", ", All)}.");
            }
            else if (!seen.Add(column))
            {
                errors.Add(column, $"Repeated column (position {i + 1}).");
            }
            else
            {
                columns[i] = column;
            }
        }

        foreach (var required in Required.Where(r => !seen.Contains(r)))
        {
            errors.Add(required, "Required column is missing.");
        }

        return errors.Any ? null : columns;
    }
}
