using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

/// <summary>
/// A few accounts spending orders of magnitude above everyone else make the Gamma-Gamma fit run off to the boundary of
/// its parameters; <see cref="SpendOutliers"/> leaves them out of the population fit, and only them.
/// </summary>
public sealed class OutlierFitTests
{
    [Fact]
    public void The_gamma_gamma_fit_converges_to_the_populations_own_fit_when_one_account_spends_a_billion_times_more()
    {
        const int customers = 200;
        const double outlier = 1e12;
        var simulation = new Simulation(20261203);
        var population = Enumerable.Range(0, customers)
            .Select(i => (Transactions: 1 + (i % 7), MeanValue: simulation.GammaGammaMean(4, 3, 150, 1 + (i % 7))))
            .ToList();
        List<(int, double)> withOutlier = [.. population, (39, outlier)];
        Should.Throw<InvalidOperationException>(() => ModelFitting.FitGammaGamma(GammaGammaLikelihood.Create(withOutlier)));

        var fit = ModelFitting.FitGammaGamma(GammaGammaLikelihood.Create(SpendOutliers.Exclude(withOutlier)));

        var own = ModelFitting.FitGammaGamma(GammaGammaLikelihood.Create(population));
        (fit.P, fit.Q, fit.Gamma).ShouldBe((own.P, own.Q, own.Gamma));
    }

    [Fact]
    public void No_cdnow_customer_is_an_outlier_so_the_published_fit_is_untouched()
    {
        var spends = Cdnow.Summary.Customers.Select(c => (c.RepeatTransactions, c.AverageRepeatValue)).ToList();

        SpendOutliers.Exclude(spends).Count.ShouldBe(spends.Count);
    }
}
