using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace RobustnessGate.Clever;

/// <summary>
/// Maximum-likelihood fit of a three-parameter reverse Weibull distribution to batch maxima (Weng et al., ICLR 2018,
/// section 3.3 and Algorithm 1), with the Kolmogorov-Smirnov goodness of fit.
/// </summary>
public static class ReverseWeibull
{
    /// <summary>
    /// Maxima whose spread (largest minus smallest) is below this fraction of the largest are treated as equal. The MLE is
    /// then degenerate (the likelihood grows without bound as the location approaches the common value), so the location is
    /// that value. 1e-6 is about 8 float32 ulps (1.2e-7 each): a constant gradient measured in float32 stays within it.
    /// </summary>
    public const double DegenerateSpread = 1e-6;

    /// <summary>
    /// Initial shapes of the searches; the fit with the largest Kolmogorov-Smirnov p-value wins (Weng et al.'s procedure).
    /// The shape is kept above 1: below it the density is infinite at the location and the likelihood unbounded (Weng et
    /// al.'s code adds a shape regulariser for the same reason).
    /// </summary>
    public static IReadOnlyList<double> InitialShapes { get; } = [1.5, 2, 5, 10, 20, 50, 100];

    /// <summary>
    /// Weight of the shape penalty w c^2 added to the negative log-likelihood. Without it, maxima without a visible upper
    /// end are fitted best as c and the location run off together to infinity (the Gumbel limit), giving a Lipschitz
    /// estimate of 1e7 and more for gradients of norm 10 on LeNet (measured). Weng et al.'s code regularises the shape for
    /// the same reason; 0.01 is our choice: it costs 1 nat at c = 10 against a likelihood summed over hundreds of maxima.
    /// </summary>
    public const double ShapePenalty = 0.01;

    /// <summary>Initial distances of the location above the largest maximum, as fractions of the maxima's spread.</summary>
    private static readonly double[] InitialGaps = [0.01, 0.1, 1];

    /// <summary>Fits <paramref name="maxima"/> (at least 2 finite values).</summary>
    public static ReverseWeibullFit Fit(IReadOnlyList<double> maxima)
    {
        ArgumentNullException.ThrowIfNull(maxima);
        if (maxima.Count < 2 || maxima.Any(m => !double.IsFinite(m)))
            throw new ArgumentException($"reverse Weibull fit: expected at least 2 finite maxima, found {maxima.Count} with {maxima.Count(m => !double.IsFinite(m))} not finite");
        double max = maxima.Max(), min = maxima.Min();
        if (max <= 0 || max - min <= DegenerateSpread * max)
            return new ReverseWeibullFit(max, null, null, null, Degenerate: true);

        // Work on maxima / max so the largest is 1, the spread s in (0, 1]; parameters (log(c - 1), log((loc - 1) / s)).
        var x = maxima.Select(m => m / max).Order().ToArray();
        double spread = 1 - x[0];
        (double Location, double Shape, double Scale, double P, double Nll)? best = null;
        foreach (var c0 in InitialShapes)
        {
            foreach (var gap in InitialGaps)
            {
                var start = Vector<double>.Build.Dense([Math.Log(c0 - 1), Math.Log(gap)]);
                MinimizationResult result;
                try
                {
                    result = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(p => NegativeLogLikelihood(x, Shape(p), Location(p, spread))),
                        start, Vector<double>.Build.Dense([0.5, 0.5]), 1e-10, 2000);
                }
                catch (MaximumIterationsException)
                {
                    continue;
                }
                var p = result.MinimizingPoint;
                double c = Shape(p), loc = Location(p, spread), nll = result.FunctionInfoAtMinimum.Value;
                if (!double.IsFinite(nll) || !double.IsFinite(c) || !double.IsFinite(loc))
                    continue;
                double scale = Scale(x, c, loc);
                double pValue = KolmogorovSmirnovPValue(x, c, loc, scale);
                if (best is null || pValue > best.Value.P || (pValue == best.Value.P && nll < best.Value.Nll))
                    best = (loc, c, scale, pValue, nll);
            }
        }
        if (best is not { } b)
            return new ReverseWeibullFit(max, null, null, null, Degenerate: false); // no search converged: the largest maximum
        return new ReverseWeibullFit(b.Location * max, b.Shape, b.Scale * max, b.P, Degenerate: false);
    }

    private static double Shape(Vector<double> p) => 1 + Math.Exp(p[0]);

    private static double Location(Vector<double> p, double spread) => 1 + spread * Math.Exp(p[1]);

    /// <summary>
    /// The penalised negative log-likelihood with the scale profiled out: for d_i = loc - x_i, the best scale has
    /// scale^c = mean(d_i^c), and then -log L = n log mean(d^c) - n log c - (c - 1) sum log d_i + n; plus
    /// <see cref="ShapePenalty"/> c^2. (The maxima are divided by the largest, which shifts -log L by a constant.)
    /// </summary>
    private static double NegativeLogLikelihood(double[] x, double c, double loc)
    {
        int n = x.Length;
        double sumLog = 0, top = double.NegativeInfinity;
        var logD = new double[n];
        for (int i = 0; i < n; i++)
        {
            logD[i] = Math.Log(loc - x[i]);
            sumLog += logD[i];
            top = Math.Max(top, c * logD[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += Math.Exp(c * logD[i] - top);
        double logMean = top + Math.Log(sum / n);
        var value = n * logMean - n * Math.Log(c) - (c - 1) * sumLog + n + ShapePenalty * c * c;
        return double.IsFinite(value) ? value : double.MaxValue;
    }

    private static double Scale(double[] x, double c, double loc)
    {
        double top = x.Max(v => c * Math.Log(loc - v));
        double mean = x.Average(v => Math.Exp(c * Math.Log(loc - v) - top));
        return Math.Exp((top + Math.Log(mean)) / c);
    }

    /// <summary>
    /// The Kolmogorov-Smirnov p-value of sorted <paramref name="x"/> against the fit, from the asymptotic Kolmogorov
    /// distribution with Stephens' small-sample correction, lambda = (sqrt(n) + 0.12 + 0.11 / sqrt(n)) D (Stephens 1970;
    /// Press et al., Numerical Recipes, section 14.3). The parameters were fitted to the same data, so like Weng et al.'s
    /// p-value it ranks fits rather than testing them.
    /// </summary>
    private static double KolmogorovSmirnovPValue(double[] x, double c, double loc, double scale)
    {
        int n = x.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = Math.Exp(-Math.Pow((loc - x[i]) / scale, c));
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        double sqrtN = Math.Sqrt(n);
        double lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
        return KolmogorovQ(lambda);
    }

    /// <summary>Q(lambda) = 2 sum_{k >= 1} (-1)^(k-1) exp(-2 k^2 lambda^2), 1 where the series has not converged (small lambda).</summary>
    private static double KolmogorovQ(double lambda)
    {
        double sum = 0, sign = 1, previous = 0;
        for (int k = 1; k <= 100; k++)
        {
            double term = sign * 2 * Math.Exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) <= 1e-3 * previous || Math.Abs(term) <= 1e-8 * sum)
                return Math.Clamp(sum, 0, 1);
            sign = -sign;
            previous = Math.Abs(term);
        }
        return 1;
    }
}
