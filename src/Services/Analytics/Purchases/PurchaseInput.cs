using System.Text.Json.Nodes;
using CrmPlatform.ServiceDefaults.Api;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// A purchase as a seller sent it (an API row, an ERP event, a CSV line), checked by the same rules whatever the path.
/// Whether the customer exists is checked against the database afterwards.
/// </summary>
public sealed record PurchaseInput(
    string PurchaseId,
    Guid CustomerId,
    DateTimeOffset OccurredAt,
    decimal Amount,
    string Currency,
    decimal? DiscountAmount,
    decimal? CostAmount,
    int? ItemCount,
    string? Channel,
    string? PaymentMethod)
{
    public static readonly string[] Fields =
        ["purchaseId", "customerId", "occurredAt", "amount", "currency", "discountAmount", "costAmount", "itemCount", "channel", "paymentMethod"];

    /// <summary>One row of a JSON batch, or null with every problem in <paramref name="errors"/>.</summary>
    public static PurchaseInput? Read(JsonNode? row, DateTimeOffset now, FieldErrors errors)
    {
        if (row is not JsonObject body)
        {
            errors.Add("row", "Must be an object with purchaseId, customerId, occurredAt, amount and currency.");
            return null;
        }

        foreach (var (name, _) in body)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(Text.Shorten(name), $"Unknown field: use {string.Join(", ", Fields)}.");
            }
        }

        JsonFields.String(body["purchaseId"], "purchaseId", errors, out var purchaseId);
        var customerId = JsonValues.Guid(body["customerId"], "customerId", errors, required: true);
        var occurredAt = JsonValues.Time(body["occurredAt"], "occurredAt", errors, required: true);
        var amountOk = JsonFields.Decimal(body["amount"], "amount", errors, out var amount);
        JsonFields.String(body["currency"], "currency", errors, out var currency);
        JsonFields.Decimal(body["discountAmount"], "discountAmount", errors, out var discount);
        JsonFields.Decimal(body["costAmount"], "costAmount", errors, out var cost);
        JsonFields.Integer(body["itemCount"], "itemCount", errors, out var items);
        JsonFields.String(body["channel"], "channel", errors, out var channel);
        JsonFields.String(body["paymentMethod"], "paymentMethod", errors, out var paymentMethod);
        if (amountOk && amount is null)
        {
            errors.Add("amount", "Required: the value at list prices, a number ≥ 0.");
        }

        return Check(purchaseId, customerId, occurredAt, amount, currency, discount, cost, items, channel, paymentMethod, now, errors);
    }

    /// <summary>
    /// The rules of every path on values already typed: null where a value is missing or could not be read (its error
    /// is then already in <paramref name="errors"/> and is not repeated).
    /// </summary>
    public static PurchaseInput? Check(
        string? rawPurchaseId, Guid? customerId, DateTimeOffset? occurredAt, decimal? amount, string? currency, decimal? discount,
        decimal? cost, int? items, string? rawChannel, string? rawPaymentMethod, DateTimeOffset now, FieldErrors errors)
    {
        var purchaseId = Text.Clean(rawPurchaseId, "purchaseId", PurchaseLimits.PurchaseId, errors);
        if (purchaseId is null && !errors.Has("purchaseId"))
        {
            errors.Add("purchaseId", "Required: the seller's own key of the purchase (an invoice number).");
        }

        if (customerId == Guid.Empty)
        {
            errors.Add("customerId", "Must be a customer's id, not the empty UUID.");
        }

        if (occurredAt is { } at)
        {
            if (at > now + PurchaseLimits.FutureTolerance)
            {
                errors.Add("occurredAt", "Is in the future: a purchase is recorded once it happened.");
            }
            else if (at < PurchaseLimits.Earliest)
            {
                errors.Add("occurredAt", "Is before 1900.");
            }
        }

        CheckAmount(amount, "amount", errors);
        CheckAmount(discount, "discountAmount", errors);
        CheckAmount(cost, "costAmount", errors);
        if (amount is { } gross && discount is { } off && off > gross && !errors.Has("amount") && !errors.Has("discountAmount"))
        {
            errors.Add("discountAmount", "Is more than amount: the discount is the part of amount (the list-price value) that was waived.");
        }

        if (currency is not null && !Currencies.Known.Contains(currency))
        {
            errors.Add("currency", $"'{Text.Shorten(currency)}' is not one of {Currencies.Choices} (ISO 4217, upper case).");
        }
        else if (currency is null && !errors.Has("currency"))
        {
            errors.Add("currency", $"Required: one of {Currencies.Choices}.");
        }

        if (items < 0)
        {
            errors.Add("itemCount", "Must be 0 or more.");
        }

        var channel = Text.Clean(rawChannel, "channel", PurchaseLimits.Label, errors);
        var paymentMethod = Text.Clean(rawPaymentMethod, "paymentMethod", PurchaseLimits.Label, errors);
        return errors.Any
            ? null
            : new PurchaseInput(purchaseId!, customerId!.Value, occurredAt!.Value, amount!.Value, currency!, discount, cost, items, channel, paymentMethod);
    }

    private static void CheckAmount(decimal? value, string field, FieldErrors errors)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v < 0)
        {
            errors.Add(field, "Must be 0 or more.");
        }
        else if (v > PurchaseLimits.MaxAmount)
        {
            errors.Add(field, $"Must be at most {PurchaseLimits.MaxAmount}.");
        }
        else if (v.Scale > PurchaseLimits.MaxDecimals && decimal.Round(v, PurchaseLimits.MaxDecimals) != v)
        {
            errors.Add(field, $"At most {PurchaseLimits.MaxDecimals} decimal places.");
        }
    }
}
