namespace RobustnessGate.Study.Analysis;

/// <summary>When a change of distortion along a series counts as real.</summary>
/// <param name="MinimumZ">
/// With standard errors known, the largest and smallest model must differ by at least this many standard errors of the
/// difference, sqrt(se1^2 + se2^2). Default 2 (about a two-sided 95 % test for large samples).
/// </param>
/// <param name="MinimumRelativeChange">
/// Without standard errors, the relative change from the smallest to the largest model must exceed this. Default 0.05:
/// Su et al. call the depth effect "slight", so a few percent is the size that matters; smaller changes are noise-level.
/// </param>
public sealed record SeriesTrendOptions(double MinimumZ = 2, double MinimumRelativeChange = 0.05)
{
    /// <summary>The defaults.</summary>
    public static SeriesTrendOptions Default { get; } = new();
}
