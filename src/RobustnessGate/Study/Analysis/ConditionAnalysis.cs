using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Analysis;

/// <summary>All analyses of one (attack, target, norm).</summary>
/// <param name="Attack">Attack name.</param>
/// <param name="Target">Target mode.</param>
/// <param name="Norm">Distortion norm analysed.</param>
/// <param name="Scaling">Distortion against ln(top-1 error).</param>
/// <param name="Frontier">Accuracy-robustness Pareto frontier.</param>
/// <param name="Series">Depth and width series.</param>
/// <param name="Architecture">Family versus size.</param>
public sealed record ConditionAnalysis(string Attack, string Target, Norm Norm, ScalingLawFit Scaling, ParetoFrontier Frontier,
    IReadOnlyList<SeriesTrend> Series, ArchitectureVersusSize Architecture)
{
    /// <summary>"attack/target/norm", e.g. "cw/untargeted/L2".</summary>
    public string Label => $"{Attack}/{Target}/{Norm}";
}
