namespace CrmPlatform.Analytics.Relationships;

public sealed class AttentionOptions
{
    public const string Section = "Analytics:Attention";

    /// <summary>A strategic account needs attention after this many days without contact.</summary>
    public int StrategicNoContactDays { get; set; } = 30;

    /// <summary>A customer with value needs attention when P(alive) falls below this.</summary>
    public double AliveThreshold { get; set; } = 0.5;
}
