using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.Fgsm;

/// <summary>The definition of <see cref="FgsmAttack"/>.</summary>
public static class FgsmDefinition
{
    /// <summary>
    /// Strong: the margin loss. FGSM's success at a budget follows the FGSM sweep's smallest budgets, where the margin loss
    /// came closest to the exact minimum on three linear models (cross-entropy 3-4x further, the logit loss 15-20x).
    /// Paper: Su et al.'s code with --use_zvalue (the logit loss). Cross-entropy, the textbook FGSM, is loss ce.
    /// </summary>
    public static AttackDefinition<FgsmOptions> Instance { get; } = new(
        FgsmAttack.AttackName,
        "one signed-gradient step of size epsilon (Goodfellow et al. 2015); the L2 variant steps along the normalised gradient",
        "L-inf or L2 (bounded)",
        [
            new NumberOption<FgsmOptions>("epsilon", "step size and budget", 0, false, 1e6, o => o.Epsilon, (o, v) => o with { Epsilon = v }, CommonOptions.PixelUnits),
            new ChoiceOption<FgsmOptions, Norm>("norm", "linf: sign of the gradient; l2: gradient / ||gradient||_2", CommonOptions.GradientNorms, o => o.Norm, (o, v) => o with { Norm = v }),
            new ChoiceOption<FgsmOptions, AttackLoss>("loss", CommonOptions.LossDescription, CommonOptions.Losses, o => o.Loss, (o, v) => o with { Loss = v }, CommonOptions.LossAliases),
        ],
        new Dictionary<AttackPreset, FgsmOptions>
        {
            [AttackPreset.Strong] = new FgsmOptions(Loss: AttackLoss.Margin),
            [AttackPreset.Paper] = new FgsmOptions(Loss: AttackLoss.Logit),
        },
        (o, s) => new FgsmAttack(o, s));
}
