using RobustnessGate.Attacks;
using RobustnessGate.Metrics;

namespace RobustnessGate.Evaluation;

/// <summary>Distortion statistics of the successful examples, per norm ([0, 1] pixel units; higher = more robust model).</summary>
/// <param name="L0">Changed elements.</param>
/// <param name="L1">L1 norm.</param>
/// <param name="L2">L2 norm.</param>
/// <param name="Linf">L-infinity norm.</param>
public sealed record DistortionStatistics(Summary L0, Summary L1, Summary L2, Summary Linf)
{
    /// <summary>Statistics of a run without successful examples.</summary>
    public static DistortionStatistics None { get; } = new(Summary.None, Summary.None, Summary.None, Summary.None);

    /// <summary>The statistics of <paramref name="norm"/>.</summary>
    public Summary For(Norm norm) => norm switch
    {
        Norm.L0 => L0,
        Norm.L1 => L1,
        Norm.L2 => L2,
        Norm.Linf => Linf,
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "unknown norm"),
    };
}
