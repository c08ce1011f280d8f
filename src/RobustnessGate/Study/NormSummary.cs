namespace RobustnessGate.Study;

/// <summary>Distortion of the successful adversarial examples in one norm ([0, 1] pixel units; higher = more robust model).</summary>
/// <param name="Mean">Mean over successful examples (null when no attack succeeded).</param>
/// <param name="Median">Median over successful examples (null when no attack succeeded).</param>
/// <param name="Std">Population standard deviation, as numpy.std (null when unknown or no success).</param>
public sealed record NormSummary(double? Mean, double? Median, double? Std = null)
{
    /// <summary>The summary of a cell without successful examples.</summary>
    public static NormSummary None { get; } = new(null, null, null);
}
