using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

/// <summary>
/// The fits on CDNOW against what Fader, Hardie and Lee published: BG/NBD in "Counting your customers the easy way"
/// (2005), Gamma-Gamma in Fader and Hardie's note on the Gamma-Gamma model (2013), and the expectations of Hardie's
/// spreadsheet implementation of the BG/NBD paper.
/// </summary>
public sealed class CdnowModelTests
{
    private static LifetimeValueModel Model => Cdnow.Model;

    private static void ShouldBeWithinOnePercent(double actual, double published, string name) =>
        actual.ShouldBe(published, 0.01 * published, name);

    [Fact]
    public void Counts_2357_customers_of_whom_946_returned()
    {
        Model.Customers.ShouldBe(2357);
        Model.ReturningCustomers.ShouldBe(946);
        Model.PeriodDays.ShouldBe(7);
    }

    [Fact]
    public void The_bg_nbd_fit_reproduces_the_published_parameters_and_log_likelihood()
    {
        ShouldBeWithinOnePercent(Model.BgNbd.R, 0.243, "r");
        ShouldBeWithinOnePercent(Model.BgNbd.Alpha, 4.414, "α");
        ShouldBeWithinOnePercent(Model.BgNbd.A, 0.793, "a");
        ShouldBeWithinOnePercent(Model.BgNbd.B, 2.426, "b");
        Model.BgNbd.LogLikelihood.ShouldBe(-9582.4, 0.1);
    }

    [Fact]
    public void The_gamma_gamma_fit_on_the_946_returning_customers_reproduces_the_published_parameters()
    {
        ShouldBeWithinOnePercent(Model.GammaGamma.P, 6.25, "p");
        ShouldBeWithinOnePercent(Model.GammaGamma.Q, 3.74, "q");
        ShouldBeWithinOnePercent(Model.GammaGamma.Gamma, 15.44, "γ");
    }

    [Fact]
    public void The_fit_is_a_maximum_of_the_likelihood()
    {
        var likelihood = BgNbdLikelihood.Create(Cdnow.Summary.Customers.Select(c => (c.RepeatTransactions, c.Recency, c.Age)));
        double[] best = [Math.Log(Model.BgNbd.R), Math.Log(Model.BgNbd.Alpha), Math.Log(Model.BgNbd.A), Math.Log(Model.BgNbd.B)];
        var gradient = new double[4];

        likelihood.LogLikelihood(best, gradient).ShouldBe(Model.BgNbd.LogLikelihood, 1e-9);
        gradient.Max(Math.Abs).ShouldBeLessThan(1e-3);
        for (var i = 0; i < 4; i++)
        {
            foreach (var step in new[] { -0.01, 0.01 })
            {
                var moved = (double[])best.Clone();
                moved[i] += step;
                likelihood.LogLikelihood(moved, gradient).ShouldBeLessThan(Model.BgNbd.LogLikelihood);
            }
        }
    }

    [Fact]
    public void The_expected_purchases_of_customer_1_in_the_next_39_weeks_are_the_published_1_226()
    {
        // x = 2, tₓ = 30.43, T = 38.86: the paper's worked example.
        Model.BgNbd.ExpectedTransactions(39, 2, 30.43, 38.86).ShouldBe(1.226, 0.001);
        new BgNbdModel(0.243, 4.414, 0.793, 2.426, 0).ExpectedTransactions(39, 2, 30.43, 38.86).ShouldBe(1.226, 0.0005);
    }

    // The spreadsheet's figures, to its 4 decimals. At 78 weeks ours is 0.0004 higher (1.8580): ₂F₁ converges slowly at
    // z = 78/(α + 78) = 0.95, and the series cut after 150 terms gives exactly 1.8576, so the spreadsheet most likely
    // stops there.
    [Theory]
    [InlineData(0.1429, 0.0078)]
    [InlineData(1.0, 0.0532)]
    [InlineData(3.0, 0.1506)]
    [InlineData(31.8571, 1.0405)]
    [InlineData(32.0, 1.0437)]
    [InlineData(78.0, 1.8576)]
    public void The_expected_repeat_purchases_of_a_new_customer_match_hardies_spreadsheet(double weeks, double expected) =>
        Model.BgNbd.ExpectedTransactionsOfNewCustomer(weeks).ShouldBe(expected, 0.0005);

    [Fact]
    public void Fitting_in_days_instead_of_weeks_scales_alpha_and_nothing_else()
    {
        var inDays = LifetimeValueModel.Fit(CalibrationSummary.Summarize(Cdnow.Purchases, Cdnow.CalibrationEnd, 1));
        var repeatTransactions = Cdnow.Summary.Customers.Sum(c => c.RepeatTransactions);

        inDays.BgNbd.R.ShouldBe(Model.BgNbd.R, 1e-5 * Model.BgNbd.R);
        inDays.BgNbd.Alpha.ShouldBe(7 * Model.BgNbd.Alpha, 1e-5 * 7 * Model.BgNbd.Alpha);
        inDays.BgNbd.A.ShouldBe(Model.BgNbd.A, 1e-5 * Model.BgNbd.A);
        inDays.BgNbd.B.ShouldBe(Model.BgNbd.B, 1e-5 * Model.BgNbd.B);
        // Densities over days are a seventh of those over weeks, once per repeat transaction.
        inDays.BgNbd.LogLikelihood.ShouldBe(Model.BgNbd.LogLikelihood - repeatTransactions * Math.Log(7), 1e-4);
        inDays.BgNbd.ExpectedTransactions(273, 2, 213, 272).ShouldBe(Model.BgNbd.ExpectedTransactions(39, 2, 213 / 7.0, 272 / 7.0), 1e-5);
    }
}
