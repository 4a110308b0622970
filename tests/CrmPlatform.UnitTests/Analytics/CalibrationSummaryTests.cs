using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class CalibrationSummaryTests
{
    [Fact]
    public void The_cdnow_summary_reproduces_the_published_one_for_every_customer()
    {
        var ours = Cdnow.Summary.Customers.ToDictionary(c => c.CustomerId);
        var published = Cdnow.PublishedSummary().ToList();

        published.Count.ShouldBe(2357);
        ours.Count.ShouldBe(2357);
        foreach (var (id, x, recency, age, averageValue) in published)
        {
            var customer = ours[id];
            customer.RepeatTransactions.ShouldBe(x, $"x of customer {id}");
            customer.Recency.ShouldBe(recency, 0.01, $"t_x of customer {id}");
            customer.Age.ShouldBe(age, 0.01, $"T of customer {id}");
            customer.AverageRepeatValue.ShouldBe(averageValue, 0.01, $"zbar of customer {id}");
        }
    }

    [Fact]
    public void Age_counts_whole_days_from_the_first_purchase_to_the_calibration_end()
    {
        // Customer 1 of CDNOW: 1997-01-01, 01-18, 08-02 and 12-12 (after the end).
        var first = Cdnow.Summary.Customers.Single(c => c.CustomerId == 1);

        first.Age.ShouldBe(272 / 7.0, 1e-12);            // 1997-09-30 − 1997-01-01 = 272 days = 38.86 weeks
        first.Recency.ShouldBe(213 / 7.0, 1e-12);        // 1997-08-02 − 1997-01-01
        first.RepeatTransactions.ShouldBe(2);
        first.AverageRepeatValue.ShouldBe((29.73 + 14.96) / 2, 1e-9);
        first.HistoricValue.ShouldBe(29.33m + 29.73m + 14.96m);
        first.FirstPurchase.ShouldBe(new DateOnly(1997, 1, 1));
    }

    [Fact]
    public void Purchases_on_one_day_are_one_transaction_of_their_summed_amount()
    {
        var day = new DateOnly(2026, 3, 2);
        Purchase<string>[] purchases =
        [
            new("ana", day, 10m),
            new("ana", day.AddDays(7), 5m),
            new("ana", day.AddDays(7), 7m),
            new("ana", day, 1m),
        ];

        var ana = CalibrationSummary.Summarize(purchases, day.AddDays(14), 1).Customers.Single();

        ana.RepeatTransactions.ShouldBe(1);
        ana.AverageRepeatValue.ShouldBe(12.0);
        ana.Recency.ShouldBe(7.0);
        ana.Age.ShouldBe(14.0);
        ana.HistoricValue.ShouldBe(23m);
    }

    [Fact]
    public void Purchases_after_the_end_are_ignored_and_so_are_customers_who_started_after_it()
    {
        var end = new DateOnly(2026, 6, 30);
        Purchase<string>[] purchases =
        [
            new("late", end.AddDays(1), 50m),
            new("bia", end, 20m),
            new("ana", end.AddDays(-10), 10m),
            new("ana", end.AddDays(3), 99m),
            new("ana", end, 4m),
        ];

        var summary = CalibrationSummary.Summarize(purchases, end, 7);

        summary.Customers.Select(c => c.CustomerId).ShouldBe(["bia", "ana"]);
        var bia = summary.Customers[0];
        bia.Age.ShouldBe(0.0);            // a first purchase on the end day: T = 0, and it counts
        bia.RepeatTransactions.ShouldBe(0);
        bia.AverageRepeatValue.ShouldBe(0.0);
        var ana = summary.Customers[1];
        ana.RepeatTransactions.ShouldBe(1); // the purchase on the end day counts, the one after does not
        ana.Recency.ShouldBe(10 / 7.0, 1e-12);
        ana.HistoricValue.ShouldBe(14m);
        summary.PeriodDays.ShouldBe(7);
        summary.CalibrationEnd.ShouldBe(end);
    }

    [Fact]
    public void A_purchase_at_an_instant_falls_on_the_day_of_its_own_offset()
    {
        var lateEvening = new DateTimeOffset(2026, 3, 2, 23, 30, 0, TimeSpan.FromHours(-3));

        new Purchase<int>(1, lateEvening, 1m).Day.ShouldBe(new DateOnly(2026, 3, 2));
        new Purchase<int>(1, lateEvening.ToUniversalTime(), 1m).Day.ShouldBe(new DateOnly(2026, 3, 3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-7.0)]
    [InlineData(double.NaN)]
    public void The_period_must_be_a_positive_number_of_days(double periodDays) =>
        Should.Throw<ArgumentOutOfRangeException>(() => CalibrationSummary.Summarize<int>([], new DateOnly(2026, 1, 1), periodDays));
}
