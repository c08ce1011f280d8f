namespace RobustnessGate.Clever;

/// <summary>
/// A reverse Weibull distribution fitted to batch maxima, CDF F(x) = exp(-((Location - x) / Scale)^Shape) for x &lt; Location
/// (scipy's weibull_max), or the degenerate case where all maxima were equal and no fit was made.
/// </summary>
/// <param name="Location">The right end of the support: the estimate of the largest gradient norm (the local Lipschitz constant).</param>
/// <param name="Shape">Shape c; null when degenerate.</param>
/// <param name="Scale">Scale; null when degenerate.</param>
/// <param name="KsPValue">Kolmogorov-Smirnov p-value of the maxima against the fit; null when degenerate.</param>
/// <param name="Degenerate">Whether the maxima's spread was below <see cref="ReverseWeibull.DegenerateSpread"/> of their largest
/// value, so that <see cref="Location"/> is that largest value.</param>
public sealed record ReverseWeibullFit(double Location, double? Shape, double? Scale, double? KsPValue, bool Degenerate);
