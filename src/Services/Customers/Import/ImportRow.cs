using System.Globalization;
using System.Text.Json.Nodes;
using CrmPlatform.Customers.Accounts;
using CrmPlatform.Customers.Fiscal;

namespace CrmPlatform.Customers.Import;

/// <summary>
/// One data line of an import as the customer document (or merge patch) it stands for. An empty cell
/// is absent, so for an existing customer it leaves the stored value alone.
/// </summary>
public sealed record ImportRow(long Line, JsonObject Document, CustomerKey? Key, IReadOnlyList<(string Field, string Reason)> Problems)
{
    /// <summary>Builds the document from the cells; values the validator must judge are passed through as text.</summary>
    public static JsonObject DocumentOf(string[] columns, IReadOnlyList<string> cells)
    {
        var document = new JsonObject();
        JsonObject? fiscal = null;
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = cells[i];
            if (string.IsNullOrWhiteSpace(cell))
            {
                continue;
            }

            var column = columns[i];
            if (column.StartsWith("fiscal.", StringComparison.Ordinal))
            {
                fiscal ??= [];
                fiscal[column["fiscal.".Length..]] = cell;
            }
            else
            {
                document[column] = ValueOf(column, cell);
            }
        }

        if (fiscal is not null)
        {
            document["fiscal"] = fiscal;
        }

        return document;
    }

    /// <summary>The country and canonical tax id the row is keyed by; null when they cannot be read (the validator then says why).</summary>
    public static CustomerKey? KeyOf(JsonObject document)
    {
        var country = (document["country"] as JsonValue)?.ToString().Trim().ToUpperInvariant();
        var kind = (document["kind"] as JsonValue)?.ToString().Trim();
        var taxId = (document["taxId"] as JsonValue)?.ToString();
        if (country is null || kind is null || !CustomerKinds.TryParse(kind, out var parsedKind))
        {
            return null;
        }

        var check = TaxIds.Validate(country, parsedKind, taxId);
        return check.Canonical is null ? null : new CustomerKey(country, check.Canonical);
    }

    private static JsonNode ValueOf(string column, string cell)
    {
        if (CustomerColumns.Lists.Contains(column))
        {
            return new JsonArray([.. cell.Split(CustomerColumns.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(label => JsonValue.Create(label))]);
        }

        var text = cell.Trim();
        return column switch
        {
            "isStrategic" when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            "creditLimit" when decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount) => JsonValue.Create(amount),
            "paymentTermsDays" when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var days) => JsonValue.Create(days),
            _ => JsonValue.Create(cell),
        };
    }
}

/// <summary>What identifies a customer across imports: the country and the canonical tax id.</summary>
public readonly record struct CustomerKey(string Country, string TaxId);
