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
public sealed record FgsmSweepOptions(double EpsilonStep = 0.001, double MaxEpsilon = 1, Norm Norm = Norm.Linf, AttackLoss Loss = AttackLoss.Logit)
{
    /// <summary>Reads the options, rejecting unknown ones.</summary>
    public static FgsmSweepOptions From(AttackArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = new FgsmSweepOptions(
            args.Double("epsilon-step", 0.001, 1e-9, 1e6),
            args.Double("max-epsilon", 1, 0, 1e6),
            args.Choice("norm", Norm.Linf, CommonChoices.GradientNorms),
            args.Choice("loss", AttackLoss.Logit, CommonChoices.Loss));
        args.EnsureAllUsed(FgsmSweepAttack.AttackName);
        return o;
    }

    /// <summary>The grid: step, 2 step, ... up to max (at most 100,000 points).</summary>
    public IReadOnlyList<double> Grid()
    {
        if (!(EpsilonStep > 0) || !(MaxEpsilon >= 0))
            throw new AttackOptionException($"FGSM sweep needs --epsilon-step > 0 and --max-epsilon >= 0 (got {EpsilonStep}, {MaxEpsilon})");
        // Multiplying (not accumulating) keeps grid points exact multiples of the step; the 1e-9 admits max itself.
        long count = (long)Math.Floor(MaxEpsilon / EpsilonStep + 1e-9);
        if (count > 100_000)
            throw new AttackOptionException($"FGSM sweep grid of {count} points is too fine (at most 100000): raise --epsilon-step or lower --max-epsilon");
        return Enumerable.Range(1, (int)count).Select(k => k * EpsilonStep).ToArray();
    }
}
