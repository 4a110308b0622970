namespace CrmPlatform.UnitTests.Analytics;

/// <summary>Draws customers from the BG/NBD and Gamma-Gamma models, reproducibly from a seed.</summary>
internal sealed class Simulation(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform(double from, double to) => from + (to - from) * _random.NextDouble();

    /// <summary>
    /// A customer's (x, tₓ, T) after <paramref name="age"/> periods: λ ~ Gamma(r, 1/α), p ~ Beta(a, b); purchases come at
    /// rate λ and after each repeat purchase the customer drops out with probability p.
    /// </summary>
    public (int X, double Recency, double Age) BgNbdCustomer(double r, double alpha, double a, double b, double age)
    {
        var rate = Gamma(r, 1 / alpha);
        var dropout = Beta(a, b);
        var x = 0;
        var last = 0.0;
        var time = 0.0;
        while (true)
        {
            time += Exponential(rate);
            if (time > age)
            {
                return (x, last, age);
            }

            x++;
            last = time;
            if (_random.NextDouble() < dropout)
            {
                return (x, last, age);
            }
        }
    }

    /// <summary>The mean of x transaction values of one customer: each Gamma(p, 1/ν), ν ~ Gamma(q, 1/γ).</summary>
    public double GammaGammaMean(double p, double q, double gamma, int x)
    {
        var nu = Gamma(q, 1 / gamma);
        var total = 0.0;
        for (var i = 0; i < x; i++)
        {
            total += Gamma(p, 1 / nu);
        }

        return total / x;
    }

    public double Exponential(double rate) => -Math.Log(1 - _random.NextDouble()) / rate;

    public double Beta(double a, double b)
    {
        var x = Gamma(a, 1);
        return x / (x + Gamma(b, 1));
    }

    // Marsaglia and Tsang (2000); a shape below 1 is boosted with Gamma(k) = Gamma(k + 1) · U^(1/k).
    public double Gamma(double shape, double scale)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1, scale) * Math.Pow(_random.NextDouble(), 1 / shape);
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double normal, v;
            do
            {
                normal = Normal();
                v = 1 + c * normal;
            }
            while (v <= 0);

            v = v * v * v;
            var u = _random.NextDouble();
            if (u < 1 - 0.0331 * normal * normal * normal * normal || Math.Log(u) < 0.5 * normal * normal + d * (1 - v + Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    // Box–Muller.
    private double Normal() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
