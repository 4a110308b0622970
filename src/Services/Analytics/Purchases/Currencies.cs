using System.Collections.Frozen;

namespace CrmPlatform.Analytics.Purchases;

/// <summary>
/// The ISO 4217 codes a purchase may be in: those of the markets we sell in and their neighbours. A fixed list rather
/// than "three letters", so a typo (<c>BRR</c>) is refused instead of becoming a currency of its own in every view.
/// </summary>
public static class Currencies
{
    public static readonly FrozenSet<string> Known = new[]
    {
        "ARS", "AUD", "BGN", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EUR", "GBP", "HKD", "HUF", "INR", "JPY",
        "MDL", "MXN", "NOK", "NZD", "PEN", "PLN", "PYG", "RON", "SEK", "SGD", "TRY", "UAH", "USD", "UYU", "ZAR",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static string Choices { get; } = string.Join(", ", Known.Order(StringComparer.Ordinal));
}
