using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class HypergeometricTests
{
    /// <summary>Reference values computed with 30-digit arithmetic (mpmath.hyp2f1).</summary>
    [Theory]
    [InlineData(1, 1, 2, 0.5, 1.3862943611198906188)]
    [InlineData(0.5, 0.5, 1.5, 0.25, 1.0471975511965977462)]
    [InlineData(2.3, 1.7, 4.1, 0.45, 1.7073665373232156264)]
    [InlineData(2.3, 1.7, 4.1, -0.3, 0.77338831112611686117)]
    [InlineData(2.3, 1.7, 4.1, -0.7, 0.58647310226791709208)]
    [InlineData(2.3, 1.7, 4.1, -5, 0.13364148301292895096)]
    [InlineData(0.243, 2.426, 2.219, 0.5, 1.2070970070440423133)]
    [InlineData(0.243, 2.426, 2.219, 0.95, 2.4461866770309924081)]
    [InlineData(0.243, 2.426, 2.219, 0.999, 11.096504288680498077)]
    [InlineData(3.2, 5.5, 2.1, 0.93, 113603792.66959963323)]
    [InlineData(1.5, 2.5, 3.0, 0.97, 53.033545887740913932)]
    [InlineData(1, 1, 2, 0.995, 5.3249420769327001783)]
    [InlineData(1, 1, 2, -20, 0.15222612188617114983)]
    [InlineData(-3, 2.5, 1.5, 0.7, -0.099)]
    [InlineData(52.243, 52.426, 53.219, 0.6, 3.0051250345170300539e+20)]
    [InlineData(0.5, 1.2, -1.5, 0.3, 1.4740856761467781533)]
    public void Matches_known_values(double a, double b, double c, double z, double expected) =>
        Hypergeometric.TwoF1(a, b, c, z).ShouldBe(expected, 1e-12 * Math.Abs(expected));

    [Fact]
    public void Matches_closed_forms_from_minus_ten_to_nearly_one()
    {
        foreach (var z in new[] { -10, -2, -0.6, -0.1, 0.0, 0.2, 0.7, 0.91, 0.99, 0.9999 })
        {
            // ₂F₁(1, 1; 2; z) = −log(1 − z)/z, ₂F₁(a, b; b; z) = (1 − z)⁻ᵃ, ₂F₁(½, 1; 3/2; −x²) = arctan(x)/x
            // c − a − b = 0 is summed term by term, and rounding grows with the ~10⁵ terms needed at 0.9999.
            var log = z == 0 ? 1.0 : -Math.Log(1 - z) / z;
            Hypergeometric.TwoF1(1, 1, 2, z).ShouldBe(log, (z < 0.999 ? 1e-13 : 1e-11) * log, $"log at {z}");
            Hypergeometric.TwoF1(0.7, 2.2, 2.2, z).ShouldBe(Math.Pow(1 - z, -0.7), 1e-13 * Math.Pow(1 - z, -0.7), $"power at {z}");
            if (z < 0)
            {
                var x = Math.Sqrt(-z);
                Hypergeometric.TwoF1(0.5, 1, 1.5, z).ShouldBe(Math.Atan(x) / x, 1e-13, $"arctan at {z}");
            }
        }
    }

    [Fact]
    public void Is_undefined_at_and_beyond_one_and_for_c_a_non_positive_integer()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Hypergeometric.TwoF1(1, 1, 2, 1.0));
        Should.Throw<ArgumentOutOfRangeException>(() => Hypergeometric.TwoF1(1, 1, -2, 0.5));
    }
}
