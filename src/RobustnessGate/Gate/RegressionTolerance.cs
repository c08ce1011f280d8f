using System.Globalization;

namespace RobustnessGate.Gate;

/// <summary>
/// How far a metric may move from its approved baseline before the check fails: the largest of an absolute floor, a
/// relative floor (of the baseline) and k standard errors of the measured value (the sampling noise of its images).
/// </summary>
/// <param name="Absolute">Absolute floor, in the metric's unit.</param>
/// <param name="Relative">Relative floor, a fraction of the baseline.</param>
/// <param name="StandardErrors">k: how many standard errors.</param>
public sealed record RegressionTolerance(double Absolute, double Relative, double StandardErrors)
{
    /// <summary>
    /// The default: 2 standard errors, at least 1 % of the baseline. Two standard errors keep a model that is as robust as
    /// its baseline from failing on image-level noise in about 95 % of cases; the 1 % floor absorbs the last-bit differences
    /// of other CPUs' kernels (attack results on fixed weights moved by well under 1 % across kernel levels).
    /// </summary>
    public static RegressionTolerance Default { get; } = new(0, 0.01, 2);

    /// <summary>The tolerance for a baseline and a standard error.</summary>
    public double For(double baseline, double? standardError) =>
        Math.Max(Absolute, Math.Max(Relative * Math.Abs(baseline), StandardErrors * (standardError ?? 0)));

    /// <summary>The formula, for messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"max({Absolute:G4}, {Relative:G4} x baseline, {StandardErrors:G4} standard errors)");
}
