namespace CrmPlatform.Analytics.Lifetime;

/// <summary>A smooth function to minimise: returns f(point) and writes ∇f(point) into gradient.</summary>
internal delegate double DifferentiableFunction(ReadOnlySpan<double> point, Span<double> gradient);

/// <summary>Where a minimisation stopped, and whether it stopped because it had found a minimum.</summary>
internal sealed record MinimizationResult(double[] Point, double Value, int Iterations, int Evaluations, bool Converged);

/// <summary>
/// Quasi-Newton minimisation (BFGS with a strong-Wolfe line search, Nocedal and Wright, Numerical Optimization,
/// algorithms 6.1, 3.5 and 3.6). The likelihoods here are smooth and their gradients are cheap next to their
/// values, so this needs a few dozen evaluations where Nelder–Mead would need hundreds. It is deterministic.
/// </summary>
/// <remarks>
/// Robustness: a point where f is not finite (a step so long that a parameter over- or underflows) is treated
/// as a point where f is too high, so the line search backs off from it; a direction that is not downhill, or a
/// line search that fails, restarts from steepest descent with the inverse Hessian approximation forgotten; the
/// update is skipped when the curvature condition fails, which keeps that approximation positive definite.
/// </remarks>
internal static class BfgsMinimizer
{
    private const double SufficientDecrease = 1e-4; // c₁ of the Wolfe conditions
    private const double Curvature = 0.9;           // c₂: loose, as quasi-Newton methods want
    private const int MaxLineSearchEvaluations = 40;

    /// <param name="function">The function, defined (finite) at <paramref name="start"/>.</param>
    /// <param name="start">Where to start.</param>
    /// <param name="gradientTolerance">Stop when no component of the gradient exceeds this; or, once the rounding of f
    /// hides any further decrease, when none exceeds a thousand times this.</param>
    /// <param name="maxIterations">Stop, unconverged, after this many iterations.</param>
    public static MinimizationResult Minimize(
        DifferentiableFunction function, ReadOnlySpan<double> start, double gradientTolerance = 1e-8, int maxIterations = 2000)
    {
        var search = new Search(function, start);
        return search.Run(gradientTolerance, maxIterations);
    }

    private sealed class Search
    {
        private readonly DifferentiableFunction _function;
        private readonly int _n;
        private readonly double[] _x;
        private readonly double[] _gradient;
        private readonly double[] _trial;
        private readonly double[] _trialGradient;
        private readonly double[] _direction;
        private readonly double[] _step;
        private readonly double[] _gradientChange;
        private readonly double[] _hy;
        private readonly double[] _inverseHessian; // row-major n × n
        private double _value;
        private double _trialValue;
        private int _evaluations;

        public Search(DifferentiableFunction function, ReadOnlySpan<double> start)
        {
            _function = function;
            _n = start.Length;
            _x = start.ToArray();
            _gradient = new double[_n];
            _trial = new double[_n];
            _trialGradient = new double[_n];
            _direction = new double[_n];
            _step = new double[_n];
            _gradientChange = new double[_n];
            _hy = new double[_n];
            _inverseHessian = new double[_n * _n];
            _value = Evaluate(_x, _gradient);
            if (!double.IsFinite(_value) || !AllFinite(_gradient))
            {
                throw new ArgumentException("The function must be finite, with a finite gradient, at the starting point.");
            }
        }

        public MinimizationResult Run(double gradientTolerance, int maxIterations)
        {
            ResetInverseHessian(1.0);
            var fresh = true; // the inverse Hessian approximation is a multiple of the identity, learnt nothing yet
            var converged = false;
            var iteration = 0;
            for (; iteration < maxIterations; iteration++)
            {
                if (MaxAbs(_gradient) <= gradientTolerance)
                {
                    converged = true;
                    break;
                }

                var slope = SetDirection();
                if (!(slope < 0))
                {
                    ResetInverseHessian(1.0);
                    fresh = true;
                    slope = SetDirection();
                }

                // −slope/2 is what the quasi-Newton model expects the step to gain. Once that is lost in the rounding
                // of f, no line search can confirm a decrease: if the gradient is nearly flat too, it is as small as f
                // lets it be; if not, the model is wrong, and is forgotten.
                if (!fresh && -slope <= 1e-15 * Math.Max(1.0, Math.Abs(_value)))
                {
                    if (MaxAbs(_gradient) <= 1e3 * gradientTolerance)
                    {
                        converged = true;
                        break;
                    }

                    ResetInverseHessian(1.0);
                    fresh = true;
                    slope = SetDirection();
                }

                // An untrained quasi-Newton step is a raw gradient step: keep its first try to a unit length.
                var initialStep = fresh ? Math.Min(1.0, 1.0 / Math.Sqrt(Dot(_direction, _direction))) : 1.0;
                if (!LineSearch(slope, initialStep))
                {
                    if (fresh)
                    {
                        // Even steepest descent finds no lower point: at the resolution of doubles this is the
                        // minimum if the gradient is nearly flat, or a failure otherwise.
                        converged = MaxAbs(_gradient) <= 1e3 * gradientTolerance;
                        break;
                    }

                    ResetInverseHessian(1.0);
                    fresh = true;
                    continue;
                }

                for (var i = 0; i < _n; i++)
                {
                    _step[i] = _trial[i] - _x[i];
                    _gradientChange[i] = _trialGradient[i] - _gradient[i];
                }

                var previousValue = _value;
                _trial.CopyTo(_x, 0);
                _trialGradient.CopyTo(_gradient, 0);
                _value = _trialValue;
                fresh = !UpdateInverseHessian(fresh) && fresh;

                // A decrease lost in rounding: nothing more can be learnt from f.
                if (previousValue - _value <= 1e-15 * Math.Max(1.0, Math.Abs(_value)))
                {
                    converged = MaxAbs(_gradient) <= 1e3 * gradientTolerance;
                    if (converged)
                    {
                        iteration++;
                        break;
                    }
                }
            }

            return new MinimizationResult((double[])_x.Clone(), _value, iteration, _evaluations, converged);
        }

        // direction = −H g; returns the slope gᵀ·direction.
        private double SetDirection()
        {
            for (var i = 0; i < _n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < _n; j++)
                {
                    sum -= _inverseHessian[i * _n + j] * _gradient[j];
                }

                _direction[i] = sum;
            }

            return Dot(_gradient, _direction);
        }

        // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs; skipped unless yᵀs > 0. Returns whether updated.
        private bool UpdateInverseHessian(bool fresh)
        {
            var sy = Dot(_step, _gradientChange);
            var yy = Dot(_gradientChange, _gradientChange);
            if (!(sy > 1e-12 * Math.Sqrt(Dot(_step, _step) * yy)))
            {
                return false;
            }

            if (fresh)
            {
                // Scale the identity to the curvature just seen before the first update (N&W eq. 6.20).
                ResetInverseHessian(sy / yy);
            }

            var rho = 1.0 / sy;
            for (var i = 0; i < _n; i++)
            {
                var sum = 0.0;
                for (var j = 0; j < _n; j++)
                {
                    sum += _inverseHessian[i * _n + j] * _gradientChange[j];
                }

                _hy[i] = sum;
            }

            var yhy = Dot(_gradientChange, _hy);
            var ss = rho * rho * yhy + rho;
            for (var i = 0; i < _n; i++)
            {
                for (var j = 0; j < _n; j++)
                {
                    _inverseHessian[i * _n + j] += -rho * (_hy[i] * _step[j] + _step[i] * _hy[j]) + ss * _step[i] * _step[j];
                }
            }

            return true;
        }

        // Finds a step along the direction meeting the strong Wolfe conditions; leaves the point in _trial.
        private bool LineSearch(double slope, double initialStep)
        {
            var budget = MaxLineSearchEvaluations;
            double previousStep = 0, previousValue = _value, previousSlope = slope;
            var step = initialStep;
            for (var first = true; budget > 0; first = false)
            {
                var value = Try(step, out var trialSlope);
                budget--;
                if (!double.IsFinite(value) || value > _value + SufficientDecrease * step * slope || (!first && value >= previousValue))
                {
                    return Zoom(previousStep, previousValue, previousSlope, step, value, slope, ref budget);
                }

                if (Math.Abs(trialSlope) <= -Curvature * slope)
                {
                    return true;
                }

                if (trialSlope >= 0)
                {
                    return Zoom(step, value, trialSlope, previousStep, previousValue, slope, ref budget);
                }

                (previousStep, previousValue, previousSlope) = (step, value, trialSlope);
                step *= 4.0;
            }

            // Out of budget while still going downhill: the last point decreased f enough; take it.
            return Try(previousStep, out _) < _value;
        }

        // Narrows [low, high], which holds a step meeting the strong Wolfe conditions; low is the best so far.
        private bool Zoom(double low, double lowValue, double lowSlope, double high, double highValue, double slope, ref int budget)
        {
            while (budget > 0 && Math.Abs(high - low) > 1e-14 * Math.Max(1.0, Math.Abs(low)))
            {
                var step = Interpolate(low, lowValue, lowSlope, high, highValue);
                var value = Try(step, out var trialSlope);
                budget--;
                if (!double.IsFinite(value) || value > _value + SufficientDecrease * step * slope || value >= lowValue)
                {
                    (high, highValue) = (step, value);
                    continue;
                }

                if (Math.Abs(trialSlope) <= -Curvature * slope)
                {
                    return true;
                }

                if (trialSlope * (high - low) >= 0)
                {
                    (high, highValue) = (low, lowValue);
                }

                (low, lowValue, lowSlope) = (step, value, trialSlope);
            }

            // The curvature condition was not met, but low (if it moved) still lowers f: use it.
            return low > 0 && Try(low, out _) < _value;
        }

        // The minimum of the quadratic through (low, f, f′) and (high, f), kept well inside the interval;
        // the midpoint when the high end is not finite.
        private static double Interpolate(double low, double lowValue, double lowSlope, double high, double highValue)
        {
            var width = high - low;
            var lowest = low + 0.1 * width;
            var highest = high - 0.1 * width;
            if (!double.IsFinite(highValue))
            {
                return low + 0.5 * width;
            }

            var curvature = highValue - lowValue - lowSlope * width;
            var step = curvature > 0 ? low - lowSlope * width * width / (2.0 * curvature) : low + 0.5 * width;
            var (from, to) = lowest < highest ? (lowest, highest) : (highest, lowest);
            return double.IsFinite(step) ? Math.Clamp(step, from, to) : low + 0.5 * width;
        }

        private double Try(double step, out double slope)
        {
            for (var i = 0; i < _n; i++)
            {
                _trial[i] = _x[i] + step * _direction[i];
            }

            _trialValue = Evaluate(_trial, _trialGradient);
            slope = AllFinite(_trialGradient) ? Dot(_trialGradient, _direction) : double.NaN;
            if (double.IsNaN(slope))
            {
                _trialValue = double.NaN;
            }

            return _trialValue;
        }

        private double Evaluate(double[] point, double[] gradient)
        {
            _evaluations++;
            var value = _function(point, gradient);
            return double.IsNaN(value) ? double.PositiveInfinity : value;
        }

        private void ResetInverseHessian(double scale)
        {
            Array.Clear(_inverseHessian);
            for (var i = 0; i < _n; i++)
            {
                _inverseHessian[i * _n + i] = scale;
            }
        }

        private static double Dot(double[] u, double[] v)
        {
            var sum = 0.0;
            for (var i = 0; i < u.Length; i++)
            {
                sum += u[i] * v[i];
            }

            return sum;
        }

        private static double MaxAbs(double[] v)
        {
            var max = 0.0;
            foreach (var value in v)
            {
                max = Math.Max(max, Math.Abs(value));
            }

            return max;
        }

        private static bool AllFinite(double[] v)
        {
            foreach (var value in v)
            {
                if (!double.IsFinite(value))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
