using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.Pgd;

/// <summary>The definition of <see cref="PgdAttack"/>. PGD is not one of Su et al.'s attacks, so it has no paper preset.</summary>
public static class PgdDefinition
{
    /// <summary>Strong: Madry et al.'s MNIST setting (eps 0.3, 40 steps of 0.01, cross-entropy).</summary>
    public static AttackDefinition<PgdOptions> Instance { get; } = new(
        PgdAttack.AttackName,
        "projected gradient descent with a fixed budget (Madry et al. 2018), L-inf or L2",
        "L-inf or L2 (bounded)",
        [
            new NumberOption<PgdOptions>("epsilon", "budget", 0, false, 1e6, o => o.Epsilon, (o, v) => o with { Epsilon = v }, CommonOptions.PixelUnits),
            new IntegerOption<PgdOptions>("steps", "iterations", 1, 1_000_000, o => o.Steps, (o, v) => o with { Steps = v }),
            new NumberOption<PgdOptions>("stepSize", "step alpha per iteration", 0, false, 1e6, o => o.StepSize, (o, v) => o with { StepSize = v }, CommonOptions.PixelUnits),
            new BooleanOption<PgdOptions>("randomStart", "start from a seeded random point of the ball", o => o.RandomStart, (o, v) => o with { RandomStart = v }),
            new ChoiceOption<PgdOptions, Norm>("norm", "linf or l2 ball and step", CommonOptions.GradientNorms, o => o.Norm, (o, v) => o with { Norm = v }),
            new ChoiceOption<PgdOptions, AttackLoss>("loss", CommonOptions.LossDescription, CommonOptions.Losses, o => o.Loss, (o, v) => o with { Loss = v }, CommonOptions.LossAliases),
        ],
        new Dictionary<AttackPreset, PgdOptions> { [AttackPreset.Strong] = new PgdOptions() },
        (o, s) => new PgdAttack(o, s));
}
