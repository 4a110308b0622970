using CrmPlatform.Analytics.Kpis;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class PeriodsTests
{
    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-Q4", true)]
    [InlineData("٢٠٢٦-11", false)] // Arabic-Indic digits matched \d and then threw in int.Parse: a 500
    [InlineData("２０２６-Q1", false)]
    [InlineData("2026-13", false)]
    public void A_period_is_a_month_or_a_quarter_in_ascii_digits(string value, bool valid) =>
        Periods.TryParse(value, out _, out _).ShouldBe(valid);
}
