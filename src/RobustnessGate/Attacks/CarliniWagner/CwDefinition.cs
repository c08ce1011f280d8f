using RobustnessGate.Attacks.Definitions;

namespace RobustnessGate.Attacks.CarliniWagner;

/// <summary>The definition of <see cref="CwAttack"/>.</summary>
public static class CwDefinition
{
    /// <summary>
    /// Strong: Carlini's original Adam form with learning rate 0.01 (the reference Adam cannot move pixels lying at exactly 0
    /// or 1, most of an MNIST digit: the paper settings end 91 % above the exact mean minimal L2 on the linear model of the
    /// exact-answer specs), and two candidate target classes besides the untargeted run: on three linear models the
    /// untargeted run alone ended 0.9 / 0.8 / 3.5 % above the exact minimum, following the class nearest in logits; the best
    /// of it and the two nearest classes as targets ends within 0.5 % on all three. Paper: Su et al.'s reference code as it ran.
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
            new IntegerOption<CwOptions>("candidates", CommonOptions.CandidatesDescription, 0, 9, o => o.Candidates, (o, v) => o with { Candidates = v }),
        ],
        new Dictionary<AttackPreset, CwOptions>
        {
            [AttackPreset.Strong] = new CwOptions(LearningRate: 0.01, Adam: CwAdam.TensorFlow, Candidates: 2),
            [AttackPreset.Paper] = new CwOptions(),
        },
        (o, s) => new CwAttack(o, s));
}
