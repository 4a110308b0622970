namespace CrmPlatform.IntegrationTests.Infrastructure;

/// <summary>
/// The real clock moved forward by <see cref="Offset"/>: a service instance given this clock lives
/// that much in the future, so SLA and due-time rules can be tested without waiting for them.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
