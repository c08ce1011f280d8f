namespace RobustnessGate.Gate;

/// <summary>One metric of a check result.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Value">The measured value (null: undefined).</param>
/// <param name="Baseline">The approved value (null: no baseline).</param>
/// <param name="Delta">Value - baseline (null without both).</param>
/// <param name="Tolerance">How far it may move from the baseline.</param>
/// <param name="StandardError">Standard error of the value (null: undefined).</param>
/// <param name="Bands">Its bands.</param>
/// <param name="Health">Display health in the bands (null without a value).</param>
/// <param name="Verdict">The metric's verdict.</param>
/// <param name="Reason">Why, in one sentence (null when it passes quietly).</param>
/// <param name="Held">True when the check lists the metric (bands and an undefined value then matter); false for metrics only tracked in the snapshot.</param>
/// <param name="Moved">True when the value moved from its approved baseline beyond its tolerance (a received snapshot is then written).</param>
public sealed record MetricOutcome(string Metric, MetricDirection Direction, double? Value, double? Baseline, double? Delta, double Tolerance,
    double? StandardError, MetricBands Bands, Health? Health, Verdict Verdict, string? Reason, bool Held, bool Moved = false);
