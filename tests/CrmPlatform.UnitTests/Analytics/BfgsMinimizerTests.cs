using CrmPlatform.Analytics.Lifetime;

namespace CrmPlatform.UnitTests.Analytics;

public sealed class BfgsMinimizerTests
{
    // Σ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: a curved valley, minimum 0 at (1, …, 1).
    private static double Rosenbrock(ReadOnlySpan<double> x, Span<double> gradient)
    {
        var value = 0.0;
        gradient.Clear();
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var valley = x[i + 1] - x[i] * x[i];
            var offset = 1 - x[i];
            value += 100 * valley * valley + offset * offset;
            gradient[i] += -400 * x[i] * valley - 2 * offset;
            gradient[i + 1] += 200 * valley;
        }

        return value;
    }

    [Fact]
    public void Finds_the_minimum_of_rosenbrocks_function_from_the_classic_start()
    {
        var result = BfgsMinimizer.Minimize(Rosenbrock, [-1.2, 1.0], 1e-10);

        result.Converged.ShouldBeTrue();
        result.Point[0].ShouldBe(1.0, 1e-7);
        result.Point[1].ShouldBe(1.0, 1e-7);
        result.Value.ShouldBe(0.0, 1e-14);
    }

    [Fact]
    public void Finds_the_minimum_of_rosenbrocks_function_in_eight_dimensions()
    {
        var result = BfgsMinimizer.Minimize(Rosenbrock, [-1.2, 1.0, -1.2, 1.0, -1.2, 1.0, -1.2, 1.0], 1e-10);

        result.Converged.ShouldBeTrue();
        foreach (var coordinate in result.Point)
        {
            coordinate.ShouldBe(1.0, 1e-6);
        }
    }

    [Fact]
    public void Backs_off_from_points_where_the_function_is_not_finite()
    {
        // x − log x on x > 0, NaN beyond: a long first step from 50 lands at negative x.
        var result = BfgsMinimizer.Minimize(
            (x, gradient) =>
            {
                gradient[0] = 1 - 1 / x[0];
                return x[0] - Math.Log(x[0]);
            },
            [50.0]);

        result.Converged.ShouldBeTrue();
        result.Point[0].ShouldBe(1.0, 1e-7);
    }

    [Fact]
    public void Refuses_a_start_where_the_function_is_not_finite() =>
        Should.Throw<ArgumentException>(() => BfgsMinimizer.Minimize((_, _) => double.NaN, [0.0]));
}
