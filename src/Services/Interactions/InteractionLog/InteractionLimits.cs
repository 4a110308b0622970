namespace CrmPlatform.Interactions.InteractionLog;

public static class InteractionLimits
{
    public const int ShortText = 100;
    public const int Subject = 200;
    public const int Summary = 10_000;
    public const int ContactsPerInteraction = 50;

    /// <summary>A logged interaction lasts at most a day; longer is a typing error (a wrong end date).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    /// <summary>Nothing we log happened before this: an earlier date is a typing error.</summary>
    public static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
