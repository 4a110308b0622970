namespace CrmPlatform.Integrations;

public static class PostgresTime
{
    /// <summary>
    /// PostgreSQL keeps microseconds; .NET has 100 ns ticks. Truncating before storing makes the value
    /// we answer and publish the same one a later read returns.
    /// </summary>
    public static DateTimeOffset ToPostgresPrecision(this DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
}
