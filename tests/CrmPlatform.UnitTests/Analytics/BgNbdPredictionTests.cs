using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class BgNbdPredictionTests
{
    private static readonly BgNbdModel _published = new(0.243, 4.414, 0.793, 2.426, 0);

    // FHL 2005 eq. 10 as printed, with the general ₂F₁.
    private static double AsPrinted(BgNbdModel m, double t, int x, double recency, double age)
    {
        var factor = Math.Pow((m.Alpha + age) / (m.Alpha + age + t), m.R + x)
            * Hypergeometric.TwoF1(m.R + x, m.B + x, m.A + m.B + x - 1, t / (m.Alpha + age + t));
        var ifAlive = (m.A + m.B + x - 1) / (m.A - 1) * (1 - factor);
        var odds = x > 0 ? m.A / (m.B + x - 1) * Math.Pow((m.Alpha + age) / (m.Alpha + recency), m.R + x) : 0;
        return ifAlive / (1 + odds);
    }

    [Theory]
    [InlineData(39, 2, 30.43, 38.86)]
    [InlineData(39, 0, 0, 38.86)]
    [InlineData(10, 5, 20, 30)]
    [InlineData(19.9, 5, 20, 30)]   // t/(α + T) just under ½, where the series switch
    [InlineData(20.0, 5, 20, 30)]   // and just over
    [InlineData(100, 5, 20, 30)]
    [InlineData(1000, 1, 3, 30)]
    [InlineData(0.5, 3, 10, 12)]
    [InlineData(0.1429, 0, 0, 0)]
    [InlineData(78, 0, 0, 0)]
    [InlineData(520, 0, 0, 0)]
    [InlineData(20, 50, 30, 30)]
    [InlineData(200, 50, 30, 30)]
    public void The_conditional_expectation_is_eq_10_of_the_paper(double t, int x, double recency, double age) =>
        _published.ExpectedTransactions(t, x, recency, age).ShouldBe(AsPrinted(_published, t, x, recency, age), 1e-11 * Math.Max(1, AsPrinted(_published, t, x, recency, age)));

    [Fact]
    public void Holds_for_a_dropout_mean_of_exactly_one_where_eq_10_is_zero_over_zero()
    {
        var atOne = new BgNbdModel(0.5, 6, 1.0, 2.5, 0);
        var around = (new BgNbdModel(0.5, 6, 1.0 + 1e-7, 2.5, 0).ExpectedTransactions(52, 3, 20, 40)
            + new BgNbdModel(0.5, 6, 1.0 - 1e-7, 2.5, 0).ExpectedTransactions(52, 3, 20, 40)) / 2;

        atOne.ExpectedTransactions(52, 3, 20, 40).ShouldBe(around, 1e-6);
        atOne.ExpectedTransactions(10, 3, 20, 40).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void A_frequent_buyer_over_a_long_horizon_stays_finite()
    {
        // x = 400 makes the terms of eq. 10's ₂F₁ as printed overflow.
        var expected = _published.ExpectedTransactions(3650, 400, 360, 365);

        double.IsFinite(expected).ShouldBeTrue();
        expected.ShouldBeGreaterThan(0);
        expected.ShouldBeLessThan(400.0 / 360 * 3650);
    }

    [Fact]
    public void A_new_customer_is_a_customer_without_history()
    {
        _published.ExpectedTransactionsOfNewCustomer(39).ShouldBe(_published.ExpectedTransactions(39, 0, 0, 0), 1e-15);
        _published.ExpectedTransactionsOfNewCustomer(0).ShouldBe(0.0);
    }

    [Fact]
    public void Expected_transactions_grow_with_the_horizon()
    {
        var previous = 0.0;
        for (var t = 1; t <= 520; t++)
        {
            var expected = _published.ExpectedTransactions(t, 4, 25, 38);
            expected.ShouldBeGreaterThan(previous);
            previous = expected;
        }
    }

    [Fact]
    public void A_customer_without_repeat_purchases_is_alive_and_others_fade_with_time_since_their_last()
    {
        _published.ProbabilityAlive(0, 0, 38.86).ShouldBe(1.0);
        var recent = _published.ProbabilityAlive(5, 38, 38.86);
        var lapsed = _published.ProbabilityAlive(5, 10, 38.86);
        recent.ShouldBeGreaterThan(lapsed);
        recent.ShouldBeLessThan(1.0);
        lapsed.ShouldBeGreaterThan(0.0);
        // 1 / (1 + a/(b + x − 1) · ((α + T)/(α + tₓ))^(r + x))
        _published.ProbabilityAlive(2, 30.43, 38.86).ShouldBe(1 / (1 + 0.793 / 3.426 * Math.Pow(43.274 / 34.844, 2.243)), 1e-12);
        _published.ProbabilityAlive(300, 1, 300).ShouldBe(0.0, 1e-300); // no overflow
    }

    [Fact]
    public void Refuses_a_history_that_cannot_be()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => _published.ProbabilityAlive(-1, 0, 10));
        Should.Throw<ArgumentOutOfRangeException>(() => _published.ExpectedTransactions(10, 1, 12, 10));
        Should.Throw<ArgumentOutOfRangeException>(() => _published.ExpectedTransactions(-1, 1, 5, 10));
    }
}
