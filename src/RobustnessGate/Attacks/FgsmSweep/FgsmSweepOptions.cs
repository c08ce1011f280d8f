namespace RobustnessGate.Attacks.FgsmSweep;

/// <summary>
/// FGSM over a grid of budgets: one gradient at the clean image, then x' = clip(x + eps * sign(grad)) for eps = step,
/// 2 step, ..., max, keeping per image the smallest eps whose example succeeds. Su et al.'s code runs FGSM at one fixed
/// eps per run (README: 0.3) and its grid for minimal-distortion results is not known; this sweep gives each image its
/// minimal FGSM budget and the success-versus-epsilon curve in one run.
/// </summary>
/// <param name="EpsilonStep">Grid spacing in [0, 1] pixel units. Default 0.001 (a quarter of one 8-bit grey level).</param>
/// <param name="MaxEpsilon">Largest budget tried. Default 1 (the whole box).</param>
/// <param name="Norm">Linf (sign of the gradient, the paper's --ord inf) or L2 (gradient / ||gradient||_2). Default Linf.</param>
/// <param name="Loss">Objective. Paper: <see cref="AttackLoss.Logit"/> (--use_zvalue). <see cref="AttackLoss.Margin"/> is the C&amp;W-style margin.</param>
/// <param name="Candidates">
/// Untargeted runs only: also attack the k classes with the highest clean logits as targets and keep per image the successful
/// example of smallest distortion (0, the paper: the untargeted run alone). Costs k + 1 runs.
/// </param>
public sealed record FgsmSweepOptions(double EpsilonStep = 0.001, double MaxEpsilon = 1, Norm Norm = Norm.Linf, AttackLoss Loss = AttackLoss.Logit, int Candidates = 0)
{
    /// <summary>Most grid points a sweep may have.</summary>
    public const int MaxGridPoints = 100_000;

    /// <summary>Grid points: floor(max / step), the 1e-9 admitting max itself.</summary>
    public long GridPoints => (long)Math.Floor(MaxEpsilon / EpsilonStep + 1e-9);

    /// <summary>The grid: step, 2 step, ... up to max (multiplied, not accumulated, so points are exact multiples of the step).</summary>
    public IReadOnlyList<double> Grid() => Enumerable.Range(1, (int)Math.Min(GridPoints, MaxGridPoints)).Select(k => k * EpsilonStep).ToArray();
}
