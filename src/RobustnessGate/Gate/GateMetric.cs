using RobustnessGate.Evaluation;

namespace RobustnessGate.Gate;

/// <summary>
/// A metric a gate check can hold: how to read it from a result, which way is better, its unit, and its standard error
/// (the sampling noise of the images the check used), from which regression tolerances are derived.
/// </summary>
/// <param name="Name">Name in threshold files and snapshots.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Unit">"fraction" for rates, "[0, 1] pixel units" or "changed elements" for distortions.</param>
/// <param name="Read">The value in a result (null when undefined, e.g. no successful example).</param>
/// <param name="StandardError">The standard error of the value (null when undefined).</param>
public sealed record GateMetric(string Name, MetricDirection Direction, string Unit, Func<EvaluationResult, double?> Read,
    Func<EvaluationResult, double?> StandardError)
{
    /// <summary>True for fractions, which must lie in [0, 1].</summary>
    public bool IsRate => Unit == GateMetrics.Fraction;

    /// <summary>How much worse <paramref name="value"/> is than <paramref name="baseline"/> (positive = worse).</summary>
    public double Worsening(double value, double baseline) => Direction == MetricDirection.HigherIsBetter ? baseline - value : value - baseline;
}
