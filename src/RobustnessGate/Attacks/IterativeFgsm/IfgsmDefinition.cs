using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.IterativeFgsm;

/// <summary>The definition of <see cref="IfgsmAttack"/>.</summary>
public static class IfgsmDefinition
{
    /// <summary>
    /// Strong: the margin loss (on the linear model of the exact-answer specs its mean L-inf budget is 1.9 % above the exact
    /// minimum, against 40 % with the paper's logit loss). Paper: Su et al.'s settings (logit loss, 9 attempts x 50 steps from 0.02).
    /// </summary>
    public static AttackDefinition<IfgsmOptions> Instance { get; } = new(
        IfgsmAttack.AttackName,
        "I-FGSM with Su et al.'s per-image budget search: double/halve from the first budget, then bisect",
        "L-inf (minimal budget)",
        [
            new NumberOption<IfgsmOptions>("initialEpsilon", "first budget tried", 0, false, 1e6, o => o.InitialEpsilon, (o, v) => o with { InitialEpsilon = v }, CommonOptions.PixelUnits),
            new IntegerOption<IfgsmOptions>("attempts", "budgets tried per image; 1 is plain I-FGSM at the first budget", 1, 100, o => o.Attempts, (o, v) => o with { Attempts = v }),
            new IntegerOption<IfgsmOptions>("iterations", "steps per attempt, each of size budget / iterations", 1, 1_000_000, o => o.Iterations, (o, v) => o with { Iterations = v }),
            new ChoiceOption<IfgsmOptions, AttackLoss>("loss", CommonOptions.LossDescription, CommonOptions.Losses, o => o.Loss, (o, v) => o with { Loss = v }, CommonOptions.LossAliases),
        ],
        new Dictionary<AttackPreset, IfgsmOptions>
        {
            [AttackPreset.Strong] = new IfgsmOptions(Loss: AttackLoss.Margin),
            [AttackPreset.Paper] = new IfgsmOptions(),
        },
        (o, s) => new IfgsmAttack(o, s));
}
