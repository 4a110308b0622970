using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

/// <summary>Reference values computed with 30-digit arithmetic (mpmath).</summary>
public sealed class GammaFunctionsTests
{
    [Theory]
    [InlineData(1e-8, 18.420680738180208905)]
    [InlineData(0.001, 6.9071788853838536825)]
    [InlineData(0.1, 2.2527126517342059599)]
    [InlineData(0.5, 0.57236494292470008707)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.5, -0.12078223763524522235)]
    [InlineData(2.0, 0.0)]
    [InlineData(2.5, 0.28468287047291915963)]
    [InlineData(3.0, 0.69314718055994530942)]
    [InlineData(7.25, 7.0521854507385394449)]
    [InlineData(9.999, 12.799575780077412467)]
    [InlineData(10.0, 12.801827480081469611)]
    [InlineData(12.5, 18.734347511936445702)]
    [InlineData(100.0, 359.13420536957539878)]
    [InlineData(1000.5, 5908.6741758486774887)]
    [InlineData(1e6, 12815504.56914761166)]
    [InlineData(1e15, 33538776394910668.91)]
    [InlineData(-0.5, 1.2655121234846453965)]
    [InlineData(-2.5, -0.056243716497674050673)]
    [InlineData(-7.3, -7.7791016298268524418)]
    public void Log_gamma_matches_known_values(double x, double expected) =>
        GammaFunctions.LogGamma(x).ShouldBe(expected, 1e-13 * Math.Max(1.0, Math.Abs(expected)));

    [Theory]
    [InlineData(1e-8, -100000000.57721564845)]
    [InlineData(0.001, -1000.5755719318103005)]
    [InlineData(0.1, -10.423754940411076795)]
    [InlineData(0.5, -1.9635100260214234794)]
    [InlineData(1.0, -0.57721566490153286061)]
    [InlineData(1.5, 0.036489973978576520559)]
    [InlineData(2.5, 0.70315664064524318723)]
    [InlineData(3.0, 0.92278433509846713939)]
    [InlineData(9.999, 2.2516474172057352559)]
    [InlineData(10.0, 2.2517525890667211076)]
    [InlineData(100.0, 4.6001618527380874002)]
    [InlineData(1e6, 13.815510057964190771)]
    [InlineData(-0.5, 0.036489973978576520559)]
    [InlineData(-7.3, 4.3373073055100474863)]
    public void Digamma_matches_known_values(double x, double expected) =>
        GammaFunctions.Digamma(x).ShouldBe(expected, 1e-13 * Math.Max(1.0, Math.Abs(expected)));

    [Fact]
    public void Log_gamma_keeps_the_recurrence_across_the_switch_to_stirlings_series()
    {
        for (var x = 0.05; x < 25; x += 0.173)
        {
            (GammaFunctions.LogGamma(x + 1) - GammaFunctions.LogGamma(x)).ShouldBe(Math.Log(x), 1e-13, $"at {x}");
            (GammaFunctions.Digamma(x + 1) - GammaFunctions.Digamma(x)).ShouldBe(1 / x, 1e-13 * Math.Max(1, 1 / x), $"at {x}");
        }
    }

    [Fact]
    public void Digamma_is_the_derivative_of_log_gamma()
    {
        foreach (var x in new[] { 0.3, 1.7, 9.5, 10.5, 42.0 })
        {
            var h = 1e-5 * x;
            var derivative = (GammaFunctions.LogGamma(x + h) - GammaFunctions.LogGamma(x - h)) / (2 * h);
            GammaFunctions.Digamma(x).ShouldBe(derivative, 1e-7 * Math.Max(1, Math.Abs(derivative)));
        }
    }

    [Fact]
    public void Log_gamma_has_poles_at_zero_and_the_negative_integers()
    {
        GammaFunctions.LogGamma(0).ShouldBe(double.PositiveInfinity);
        GammaFunctions.LogGamma(-3).ShouldBe(double.PositiveInfinity);
        double.IsNaN(GammaFunctions.LogGamma(double.NaN)).ShouldBeTrue();
        GammaFunctions.LogGamma(double.PositiveInfinity).ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void Log_beta_matches_closed_forms()
    {
        GammaFunctions.LogBeta(1, 1).ShouldBe(0.0, 1e-15);
        GammaFunctions.LogBeta(2, 3).ShouldBe(Math.Log(1.0 / 12), 1e-14);
        GammaFunctions.LogBeta(0.5, 0.5).ShouldBe(Math.Log(Math.PI), 1e-14);
    }

    [Fact]
    public void Log_space_helpers_keep_precision_at_the_extremes()
    {
        LogSpace.LogOnePlus(1e-20).ShouldBe(1e-20);
        LogSpace.LogOnePlus(1e-10).ShouldBe(1e-10 - 5e-21, 1e-30);
        LogSpace.LogOnePlus(3.0).ShouldBe(Math.Log(4.0), 1e-15);
        LogSpace.ExpMinusOne(1e-20).ShouldBe(1e-20);
        LogSpace.ExpMinusOne(1e-10).ShouldBe(1e-10 + 5e-21, 1e-30);
        LogSpace.ExpMinusOne(2.0).ShouldBe(Math.Exp(2.0) - 1, 1e-14);
        LogSpace.ExpMinusOne(-800).ShouldBe(-1.0);
        LogSpace.OneMinusExpNegativeOver(0).ShouldBe(1.0);
        LogSpace.OneMinusExpNegativeOver(1e-12).ShouldBe(1 - 5e-13, 1e-16);
        LogSpace.LogSumExp(1000, 1000).ShouldBe(1000 + Math.Log(2), 1e-12);
        LogSpace.LogSumExp(-1000, -1e6).ShouldBe(-1000.0);
        LogSpace.LogSumExp(double.NegativeInfinity, double.NegativeInfinity).ShouldBe(double.NegativeInfinity);
    }
}
