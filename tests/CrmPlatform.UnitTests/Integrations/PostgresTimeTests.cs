using CrmPlatform.Integrations;

namespace CrmPlatform.UnitTests.Integrations;

public sealed class PostgresTimeTests
{
    [Fact]
    public void Sub_microsecond_ticks_are_dropped_and_nothing_else()
    {
        var value = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(-3)).AddTicks(1_234_567);

        var stored = value.ToPostgresPrecision();

        stored.Ticks.ShouldBe(value.Ticks - 7);
        stored.Offset.ShouldBe(value.Offset);
    }
}
