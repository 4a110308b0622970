namespace CrmPlatform.Bench.Analytics;

/// <summary>The few distributions the data generator draws from, on a seeded <see cref="Random"/> (deterministic data).</summary>
internal static class Sampling
{
    public static double Normal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u = 1.0 - random.NextDouble();
        var v = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Gamma(shape, scale) by Marsaglia and Tsang; a shape below 1 is boosted by U^(1/shape).</summary>
    public static double Gamma(Random random, double shape, double scale)
    {
        if (shape < 1)
        {
            return Gamma(random, shape + 1, scale) * Math.Pow(1.0 - random.NextDouble(), 1.0 / shape);
        }

        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1.0 + (c * x);
            }
            while (v <= 0);

            v = v * v * v;
            var u = 1.0 - random.NextDouble();
            if (Math.Log(u) < (0.5 * x * x) + d - (d * v) + (d * Math.Log(v)))
            {
                return d * v * scale;
            }
        }
    }

    /// <summary>Poisson: Knuth's product of uniforms for small rates, a rounded normal for large ones (close enough for data).</summary>
    public static int Poisson(Random random, double rate)
    {
        if (rate <= 0)
        {
            return 0;
        }

        if (rate > 30)
        {
            return Math.Max(0, (int)Math.Round(rate + (Math.Sqrt(rate) * Normal(random))));
        }

        var limit = Math.Exp(-rate);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }
}
