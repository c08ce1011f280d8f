using System.Globalization;
using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.FgsmSweep;

/// <summary>The definition of <see cref="FgsmSweepAttack"/>.</summary>
public static class FgsmSweepDefinition
{
    /// <summary>
    /// Strong: the margin loss (on the linear model of the exact-answer specs its mean L-inf budget is 2.3 % above the exact
    /// minimum, against 40 % with the paper's logit loss). Paper: the logit loss of Su et al.'s --use_zvalue.
    /// </summary>
    public static AttackDefinition<FgsmSweepOptions> Instance { get; } = new(
        FgsmSweepAttack.AttackName,
        "FGSM over a grid of budgets: the smallest successful budget per image, and the success curve",
        "L-inf (minimal budget)",
        [
            new NumberOption<FgsmSweepOptions>("epsilonStep", "grid spacing", 1e-9, false, 1e6, o => o.EpsilonStep, (o, v) => o with { EpsilonStep = v }, CommonOptions.PixelUnits),
            new NumberOption<FgsmSweepOptions>("maxEpsilon", "largest budget tried", 0, false, 1e6, o => o.MaxEpsilon, (o, v) => o with { MaxEpsilon = v }, CommonOptions.PixelUnits),
            new ChoiceOption<FgsmSweepOptions, Norm>("norm", "linf: sign of the gradient; l2: gradient / ||gradient||_2", CommonOptions.GradientNorms, o => o.Norm, (o, v) => o with { Norm = v }),
            new ChoiceOption<FgsmSweepOptions, AttackLoss>("loss", CommonOptions.LossDescription, CommonOptions.Losses, o => o.Loss, (o, v) => o with { Loss = v }, CommonOptions.LossAliases),
        ],
        new Dictionary<AttackPreset, FgsmSweepOptions>
        {
            [AttackPreset.Strong] = new FgsmSweepOptions(Loss: AttackLoss.Margin),
            [AttackPreset.Paper] = new FgsmSweepOptions(),
        },
        (o, s) => new FgsmSweepAttack(o, s),
        o =>
        {
            if (o.GridPoints > FgsmSweepOptions.MaxGridPoints)
            {
                throw new AttackOptionException(FgsmSweepAttack.AttackName, "epsilonStep", string.Create(CultureInfo.InvariantCulture,
                    $"maxEpsilon / epsilonStep gives {o.GridPoints} grid points, more than {FgsmSweepOptions.MaxGridPoints}: raise epsilonStep or lower maxEpsilon"));
            }
        });
}
