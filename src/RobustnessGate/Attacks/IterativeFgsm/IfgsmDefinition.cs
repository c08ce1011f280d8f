using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.IterativeFgsm;

/// <summary>The definition of <see cref="IfgsmAttack"/>.</summary>
public static class IfgsmDefinition
{
    /// <summary>
    /// Strong: the margin loss (on three linear models with exact answers 1.9 / 2.8 / 4.5 % above the exact mean minimal
    /// L-inf, against 40 / 37 / 53 % with the paper's logit loss and 3 / 5 / 6 % with cross-entropy) and two candidate target
    /// classes besides the untargeted run (below 1 % on all three). Paper: Su et al.'s settings (logit loss, 9 attempts x 50
    /// steps from 0.02).
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
            new IntegerOption<IfgsmOptions>("candidates", CommonOptions.CandidatesDescription, 0, 9, o => o.Candidates, (o, v) => o with { Candidates = v }),
        ],
        new Dictionary<AttackPreset, IfgsmOptions>
        {
            [AttackPreset.Strong] = new IfgsmOptions(Loss: AttackLoss.Margin, Candidates: 2),
            [AttackPreset.Paper] = new IfgsmOptions(),
        },
        (o, s) => new IfgsmAttack(o, s));
}
