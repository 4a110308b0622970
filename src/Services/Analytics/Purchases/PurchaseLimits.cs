namespace CrmPlatform.Analytics.Purchases;

/// <summary>Sizes and bounds of a purchase fact.</summary>
public static class PurchaseLimits
{
    public const int PurchaseId = 100;
    public const int Label = 40;
    public const int BatchRows = 10_000;
    public const int MaxDecimals = 4;

    /// <summary>numeric(19, 4) holds 15 digits before the point.</summary>
    public const decimal MaxAmount = 999_999_999_999_999m;

    /// <summary>A purchase may be dated this far ahead of our clock (the seller's clock may run fast).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
