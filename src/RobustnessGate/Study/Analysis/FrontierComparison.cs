namespace RobustnessGate.Study.Analysis;

/// <summary>A model compared with a Pareto frontier at its own accuracy.</summary>
/// <param name="Accuracy">The model's accuracy.</param>
/// <param name="Robustness">The model's robustness (mean distortion).</param>
/// <param name="FrontierRobustness">The frontier's robustness at that accuracy (null when beyond the most accurate member).</param>
/// <param name="Gap">Robustness - frontier robustness: negative = below the frontier (null with the frontier value).</param>
/// <param name="RelativeGap">Gap / frontier robustness, e.g. -0.12 = "12 % below the frontier" (null when undefined).</param>
/// <param name="Position">Below, on or above, or beyond the most accurate member.</param>
public sealed record FrontierComparison(double Accuracy, double Robustness, double? FrontierRobustness, double? Gap,
    double? RelativeGap, FrontierPosition Position);
