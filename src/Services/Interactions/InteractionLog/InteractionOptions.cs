namespace CrmPlatform.Interactions.InteractionLog;

public sealed class InteractionOptions
{
    public const string Section = "Interactions";

    /// <summary>How far ahead of the server's clock an interaction's time may be: clocks of phones and laptops drift.</summary>
    public TimeSpan FutureTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
