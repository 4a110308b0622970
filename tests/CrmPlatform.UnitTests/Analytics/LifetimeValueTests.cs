using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class LifetimeValueTests
{
    private static readonly LifetimeValueModel _model = new(
        new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0), new GammaGammaModel(6.25, 3.74, 15.44, 0), 2357, 946, 7);

    private static readonly CustomerSummary<int> _customer = new(1, new DateOnly(1997, 1, 1), 2, 30.43, 38.86, 22.35, 73.02m);

    [Fact]
    public void Undiscounted_it_is_the_expected_transactions_over_the_horizon_times_the_expected_value()
    {
        var value = _model.Predict(_customer, 52, 0.0);

        value.ExpectedTransactions.ShouldBe(_model.BgNbd.ExpectedTransactions(52, 2, 30.43, 38.86), 1e-12);
        value.DiscountedExpectedTransactions.ShouldBe(value.ExpectedTransactions, 1e-12);
        value.ExpectedAverageValue.ShouldBe(_model.GammaGamma.ExpectedAverageValue(2, 22.35));
        value.PredictedValue.ShouldBe(value.ExpectedTransactions * value.ExpectedAverageValue, 1e-9);
        value.ProbabilityAlive.ShouldBe(_model.BgNbd.ProbabilityAlive(2, 30.43, 38.86));
        value.HistoricValue.ShouldBe(73.02m);
        value.TotalValue.ShouldBe(73.02 + value.PredictedValue, 1e-9);
    }

    [Fact]
    public void Discounting_counts_each_periods_transactions_at_the_end_of_the_period()
    {
        const double rate = 0.10;
        var weekly = Math.Pow(1.1, -7 / 365.25);
        var expected = 0.0;
        for (var k = 1; k <= 104; k++)
        {
            expected += (_model.BgNbd.ExpectedTransactions(k, 2, 30.43, 38.86) - _model.BgNbd.ExpectedTransactions(k - 1, 2, 30.43, 38.86))
                * Math.Pow(weekly, k);
        }

        var value = _model.Predict(_customer, 104, rate);

        value.DiscountedExpectedTransactions.ShouldBe(expected, 1e-10);
        value.DiscountedExpectedTransactions.ShouldBeLessThan(value.ExpectedTransactions);
        value.DiscountedExpectedTransactions.ShouldBeGreaterThan(value.ExpectedTransactions * Math.Pow(1.1, -2));
        value.PredictedValue.ShouldBe(expected * value.ExpectedAverageValue, 1e-9);
    }

    [Fact]
    public void A_customer_seen_recently_is_worth_more_than_one_who_lapsed()
    {
        var recent = _model.Predict(_customer with { Recency = 38 }, 52, 0.1);
        var lapsed = _model.Predict(_customer with { Recency = 5 }, 52, 0.1);

        recent.PredictedValue.ShouldBeGreaterThan(lapsed.PredictedValue);
        _model.Predict(_customer, 0, 0.1).PredictedValue.ShouldBe(0.0);
    }

    [Fact]
    public void The_expected_spend_weighs_the_population_mean_against_the_customers_own()
    {
        var spend = _model.GammaGamma;
        var population = 6.25 * 15.44 / 2.74;

        spend.PopulationMeanValue.ShouldBe(population, 1e-12);
        spend.ExpectedAverageValue(0, 0).ShouldBe(population, 1e-12);
        var weight = 6.25 * 2 / (6.25 * 2 + 2.74);
        spend.ExpectedAverageValue(2, 22.35).ShouldBe(weight * 22.35 + (1 - weight) * population, 1e-12);
        spend.ExpectedAverageValue(1000, 22.35).ShouldBe(22.35, 0.01);
        Should.Throw<InvalidOperationException>(() => (spend with { Q = 0.9 }).ExpectedAverageValue(0, 0));
    }

    [Fact]
    public void The_cdnow_base_is_worth_about_its_past_again_over_the_next_year()
    {
        var model = Cdnow.Model;
        var values = Cdnow.Summary.Customers.Select(c => model.Predict(c, 52, 0.1)).ToList();

        values.ShouldAllBe(v => v.PredictedValue >= 0 && v.ProbabilityAlive > 0 && v.ProbabilityAlive <= 1);
        // A sanity bound, not a published figure: the base spent $111,000 in 39 weeks (about half of it on first purchases).
        var historic = values.Sum(v => (double)v.HistoricValue);
        var predicted = values.Sum(v => v.PredictedValue);
        predicted.ShouldBeInRange(0.2 * historic, 1.0 * historic);
    }

    [Fact]
    public void A_base_without_repeat_buyers_cannot_be_fitted()
    {
        var day = new DateOnly(2026, 1, 5);
        var summary = CalibrationSummary.Summarize([new Purchase<int>(1, day, 10m), new Purchase<int>(2, day.AddDays(3), 20m)], day.AddDays(30), 7);

        Should.Throw<InvalidOperationException>(() => LifetimeValueModel.Fit(summary));
    }
}
