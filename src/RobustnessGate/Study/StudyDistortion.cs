using RobustnessGate.Attacks;

namespace RobustnessGate.Study;

/// <summary>Distortion statistics of one cell, per norm.</summary>
/// <param name="L0">Changed elements.</param>
/// <param name="L1">Sum of absolute changes.</param>
/// <param name="L2">Euclidean length.</param>
/// <param name="Linf">Largest absolute change.</param>
public sealed record StudyDistortion(NormSummary L0, NormSummary L1, NormSummary L2, NormSummary Linf)
{
    /// <summary>Statistics of a cell without successful examples.</summary>
    public static StudyDistortion None { get; } = new(NormSummary.None, NormSummary.None, NormSummary.None, NormSummary.None);

    /// <summary>The statistics of <paramref name="norm"/>.</summary>
    public NormSummary For(Norm norm) => norm switch
    {
        Norm.L0 => L0,
        Norm.L1 => L1,
        Norm.L2 => L2,
        Norm.Linf => Linf,
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "unknown norm"),
    };
}
