using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>The definition of <see cref="CwAttack"/>.</summary>
public static class CwDefinition
{
    /// <summary>
    /// Strong: Carlini's original Adam form with learning rate 0.01 from c = 0.001, which on the linear model of the
    /// exact-answer specs ends 0.86 % above the exact mean minimal L2 (the paper settings end 91 % above it: the reference
    /// Adam cannot move pixels lying at exactly 0 or 1). Paper: Su et al.'s reference code as it ran.
    /// </summary>
    public static AttackDefinition<CwOptions> Instance { get; } = new(
        CwAttack.AttackName,
        "Carlini-Wagner L2: Adam on the tanh-space L2 + c * margin objective, per-example binary search on c",
        "L2 (minimal)",
        [
            new IntegerOption<CwOptions>("binarySteps", "binary-search steps on the constant c", 1, 100, o => o.BinarySteps, (o, v) => o with { BinarySteps = v }),
            new IntegerOption<CwOptions>("iterations", "Adam iterations per binary step", 1, 1_000_000, o => o.Iterations, (o, v) => o with { Iterations = v }),
            new NumberOption<CwOptions>("learningRate", "Adam learning rate", 0, true, 1e6, o => o.LearningRate, (o, v) => o with { LearningRate = v }),
            new NumberOption<CwOptions>("initialConst", "first c of the binary search", 0, true, 1e12, o => o.InitialConst, (o, v) => o with { InitialConst = v }),
            new NumberOption<CwOptions>("confidence", "kappa: the margin the adversarial logit must win by", 0, false, 1e6, o => o.Confidence, (o, v) => o with { Confidence = v }, "logits"),
            new BooleanOption<CwOptions>("abortEarly", "stop a binary step when the loss stalls (checked every iterations / 10, ratio 0.9999)", o => o.AbortEarly, (o, v) => o with { AbortEarly = v }),
            new BooleanOption<CwOptions>("warmStart", "start each binary step from the previous step's w (the reference code); false resets it (Carlini's original)", o => o.WarmStart, (o, v) => o with { WarmStart = v }),
            new ChoiceOption<CwOptions, CwAdam>("adam", "reference: m / sqrt(v + 1e-8) as Su et al.'s code; tensorflow: m / (sqrt(v) + 1e-8) as Carlini's",
                [("reference", CwAdam.Reference), ("tensorflow", CwAdam.TensorFlow)], o => o.Adam, (o, v) => o with { Adam = v }),
        ],
        new Dictionary<AttackPreset, CwOptions>
        {
            [AttackPreset.Strong] = new CwOptions(LearningRate: 0.01, InitialConst: 0.001, Adam: CwAdam.TensorFlow),
            [AttackPreset.Paper] = new CwOptions(),
        },
        (o, s) => new CwAttack(o, s));
}
