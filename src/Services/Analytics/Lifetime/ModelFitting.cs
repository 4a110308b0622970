namespace CrmPlatform.Analytics.Lifetime;

/// <summary>
/// Maximum-likelihood fits of the BG/NBD and Gamma-Gamma models: each minimises minus the mean log-likelihood over the
/// logs of its parameters (so they stay positive) with <see cref="BfgsMinimizer"/>. The mean rather than the sum keeps
/// the gradient tolerance meaningful for 2,000 customers and for 2,000,000 alike.
/// </summary>
internal static class ModelFitting
{
    // On the mean log-likelihood over log-parameters: parameters then come out to about 1e-8 relative.
    private const double GradientTolerance = 1e-9;

    public static BgNbdModel FitBgNbd(BgNbdLikelihood likelihood)
    {
        if (likelihood.ReturningCustomers == 0)
        {
            throw new InvalidOperationException("The BG/NBD model needs customers with repeat transactions: without them the dropout is not identified.");
        }

        // r = a = b = 1 and α on the scale of the customers' ages (which depends on the period length).
        var start = new[] { 0.0, Math.Log(likelihood.MeanAge > 0 ? likelihood.MeanAge : 1.0), 0.0, 0.0 };
        var customers = likelihood.Customers;
        var result = BfgsMinimizer.Minimize(
            (point, gradient) => MinusMean(likelihood.LogLikelihood(point, gradient), gradient, customers), start, GradientTolerance);
        ThrowUnlessConverged(result, "BG/NBD");
        var p = result.Point;
        return new BgNbdModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]), -result.Value * customers);
    }

    public static GammaGammaModel FitGammaGamma(GammaGammaLikelihood likelihood)
    {
        if (likelihood.Customers == 0)
        {
            throw new InvalidOperationException("The Gamma-Gamma model needs customers with repeat transactions of positive value.");
        }

        // p = 1, q = 2 and γ such that the population mean pγ/(q − 1) is the mean z̄.
        var start = new[] { 0.0, Math.Log(2.0), Math.Log(likelihood.MeanValue) };
        var customers = (double)likelihood.Customers;
        var result = BfgsMinimizer.Minimize(
            (point, gradient) => MinusMean(likelihood.LogLikelihood(point, gradient), gradient, customers), start, GradientTolerance);
        ThrowUnlessConverged(result, "Gamma-Gamma");
        var p = result.Point;
        return new GammaGammaModel(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), -result.Value * customers);
    }

    private static double MinusMean(double logLikelihood, Span<double> gradient, double customers)
    {
        for (var i = 0; i < gradient.Length; i++)
        {
            gradient[i] = -gradient[i] / customers;
        }

        return -logLikelihood / customers;
    }

    private static void ThrowUnlessConverged(MinimizationResult result, string model)
    {
        if (!result.Converged)
        {
            throw new InvalidOperationException(
                $"The {model} fit did not converge ({result.Iterations} iterations, {result.Evaluations} evaluations); the data may not identify the model.");
        }
    }
}
