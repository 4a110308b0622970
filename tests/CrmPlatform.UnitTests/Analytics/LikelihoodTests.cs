using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

/// <summary>The grouped, log-space likelihoods against the papers' formulas written plainly, and their gradients against finite differences.</summary>
public sealed class LikelihoodTests
{
    private static readonly (int X, double Recency, double Age)[] _histories =
        [(0, 0, 38.86), (0, 0, 38.86), (0, 0, 12.0), (2, 30.43, 38.86), (1, 1.71, 38.86), (1, 1.71, 38.86), (7, 29.43, 35.0), (40, 33.1, 33.2)];

    private static readonly (int X, double MeanValue)[] _spends = [(1, 11.77), (2, 22.35), (2, 40.1), (5, 17.0), (12, 130.5), (3, 8.25)];

    // FHL 2005 eq. 6, term by term.
    private static double PlainBgNbd(double r, double alpha, double a, double b, int x, double recency, double age)
    {
        var common = GammaFunctions.LogGamma(r + x) - GammaFunctions.LogGamma(r) + r * Math.Log(alpha);
        var likelihood = Math.Exp(GammaFunctions.LogBeta(a, b + x) - GammaFunctions.LogBeta(a, b) + common - (r + x) * Math.Log(alpha + age));
        if (x > 0)
        {
            likelihood += Math.Exp(GammaFunctions.LogBeta(a + 1, b + x - 1) - GammaFunctions.LogBeta(a, b) + common - (r + x) * Math.Log(alpha + recency));
        }

        return Math.Log(likelihood);
    }

    // Fader and Hardie's Gamma-Gamma density of z̄, written as a product.
    private static double PlainGammaGamma(double p, double q, double gamma, int x, double mean) =>
        Math.Log(Math.Exp(GammaFunctions.LogGamma(p * x + q) - GammaFunctions.LogGamma(p * x) - GammaFunctions.LogGamma(q))
            * Math.Pow(gamma, q) * Math.Pow(x, p * x) * Math.Pow(mean, p * x - 1) / Math.Pow(gamma + x * mean, p * x + q));

    [Fact]
    public void The_bg_nbd_likelihood_is_the_papers_summed_over_customers()
    {
        var likelihood = BgNbdLikelihood.Create(_histories);
        double[] parameters = [0.243, 4.414, 0.793, 2.426];

        var value = likelihood.LogLikelihood(parameters.Select(v => Math.Log(v)).ToArray(), new double[4]);

        value.ShouldBe(_histories.Sum(h => PlainBgNbd(0.243, 4.414, 0.793, 2.426, h.X, h.Recency, h.Age)), 1e-10);
        likelihood.Groups.ShouldBe(6);
        likelihood.Customers.ShouldBe(8);
        likelihood.ReturningCustomers.ShouldBe(5);
    }

    [Fact]
    public void The_gamma_gamma_likelihood_is_the_papers_summed_over_customers()
    {
        var likelihood = GammaGammaLikelihood.Create([.. _spends, (0, 0.0), (3, 0.0)]);

        var value = likelihood.LogLikelihood([Math.Log(6.25), Math.Log(3.74), Math.Log(15.44)], new double[3]);

        value.ShouldBe(_spends.Sum(s => PlainGammaGamma(6.25, 3.74, 15.44, s.X, s.MeanValue)), 1e-10);
        likelihood.Customers.ShouldBe(_spends.Length);
    }

    [Theory]
    [InlineData(0.243, 4.414, 0.793, 2.426)]
    [InlineData(2.5, 0.3, 1.7, 0.4)]
    [InlineData(0.05, 40.0, 0.2, 9.0)]
    public void The_bg_nbd_gradient_matches_finite_differences(double r, double alpha, double a, double b)
    {
        var likelihood = BgNbdLikelihood.Create(_histories);
        GradientShouldMatchFiniteDifferences(likelihood.LogLikelihood, [Math.Log(r), Math.Log(alpha), Math.Log(a), Math.Log(b)]);
    }

    [Theory]
    [InlineData(6.25, 3.74, 15.44)]
    [InlineData(0.7, 1.3, 200.0)]
    public void The_gamma_gamma_gradient_matches_finite_differences(double p, double q, double gamma)
    {
        var likelihood = GammaGammaLikelihood.Create(_spends);
        GradientShouldMatchFiniteDifferences(likelihood.LogLikelihood, [Math.Log(p), Math.Log(q), Math.Log(gamma)]);
    }

    [Fact]
    public void A_history_with_the_last_purchase_after_the_end_is_refused() =>
        Should.Throw<ArgumentException>(() => BgNbdLikelihood.Create([(1, 5.0, 4.0)]));

    private static void GradientShouldMatchFiniteDifferences(DifferentiableFunction function, double[] point)
    {
        var gradient = new double[point.Length];
        function(point, gradient);
        var scratch = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            const double h = 1e-6;
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            var numerical = (function(up, scratch) - function(down, scratch)) / (2 * h);
            gradient[i].ShouldBe(numerical, 1e-6 * Math.Max(1, Math.Abs(numerical)), $"component {i}");
        }
    }
}
