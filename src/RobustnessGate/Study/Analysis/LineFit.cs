using MathNet.Numerics.Distributions;

namespace RobustnessGate.Study.Analysis;

/// <summary>
/// Ordinary least squares y = slope * x + intercept. Null fields mean "not defined for these data"; <see cref="Note"/> says why.
/// The slope's 95 % interval is slope +- t(0.975, n - 2) * SE with SE = sqrt(SSR / (n - 2) / Sxx).
/// </summary>
/// <param name="N">Number of points used.</param>
/// <param name="Slope">Fitted slope (null when n &lt; 2 or all x are equal).</param>
/// <param name="Intercept">Fitted intercept (null with the slope).</param>
/// <param name="RSquared">1 - SSR / SST (null when all y are equal, or with the slope); higher = tighter line.</param>
/// <param name="SlopeStandardError">Standard error of the slope (null when n &lt; 3).</param>
/// <param name="SlopeLower">Lower end of the slope's 95 % confidence interval (null when n &lt; 3).</param>
/// <param name="SlopeUpper">Upper end of the slope's 95 % confidence interval (null when n &lt; 3).</param>
/// <param name="Note">Why some fields are null (null when all are defined).</param>
public sealed record LineFit(int N, double? Slope, double? Intercept, double? RSquared, double? SlopeStandardError,
    double? SlopeLower, double? SlopeUpper, string? Note)
{
    /// <summary>The confidence level of <see cref="SlopeLower"/> and <see cref="SlopeUpper"/>.</summary>
    public const double ConfidenceLevel = 0.95;

    /// <summary>Fits y against x (equal lengths; finite values).</summary>
    public static LineFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} values but y has {y.Count}", nameof(y));
        if (x.Concat(y).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("x and y must be finite numbers", nameof(x));
        int n = x.Count;
        if (n < 2)
            return new LineFit(n, null, null, null, null, null, null, $"n = {n}: a line needs at least 2 points");
        double mx = x.Average(), my = y.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0)
            return new LineFit(n, null, null, null, null, null, null, "all x values are equal: the slope is undefined");
        double slope = sxy / sxx, intercept = my - slope * mx;
        double ssr = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - (slope * x[i] + intercept);
            ssr += r * r;
        }
        double? r2 = syy == 0 ? null : Math.Clamp(1 - ssr / syy, 0, 1);
        string? note = syy == 0 ? "all y values are equal: R^2 is undefined" : null;
        if (n < 3)
            return new LineFit(n, slope, intercept, r2, null, null, null, note ?? "n = 2: no residual degrees of freedom, no interval");
        double se = Math.Sqrt(ssr / (n - 2) / sxx);
        double t = StudentTQuantile(0.5 + ConfidenceLevel / 2, n - 2);
        return new LineFit(n, slope, intercept, r2, se, slope - t * se, slope + t * se, note);
    }

    /// <summary>The <paramref name="p"/> quantile of Student's t with <paramref name="degreesOfFreedom"/> (e.g. t(0.975, 10) = 2.228138852).</summary>
    public static double StudentTQuantile(double p, int degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, p);
}
