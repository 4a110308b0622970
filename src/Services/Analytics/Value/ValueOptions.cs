namespace CrmPlatform.Analytics.Value;

public sealed class ValueOptions
{
    public const string Section = "Analytics:Value";

    /// <summary>How often the RFM scores of all customers are recomputed (and segment changes published).</summary>
    public TimeSpan RfmInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the lifetime-value model the profiles predict with is refitted on all purchases.</summary>
    public TimeSpan ModelRefitInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A purchase counts as bought at a discount when its discount is at least this share of its amount.</summary>
    public decimal DiscountDependencyThreshold { get; set; } = 0.20m;
}
