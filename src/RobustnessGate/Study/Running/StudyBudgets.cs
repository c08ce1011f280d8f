using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Running;

/// <summary>
/// The two budgets of the study command. Both run the paper's four attacks (FGSM sweep, I-FGSM with budget search,
/// C&amp;W-L2, EAD-L1) with all four target modes, and FGSM eps 0.3 (the reference code's README example) for
/// transferability.
/// </summary>
public static class StudyBudgets
{
    /// <summary>Budget names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["quick", "paper"];

    /// <summary>The four target modes, in report order.</summary>
    public static IReadOnlyList<TargetMode> AllTargets { get; } = [TargetMode.Untargeted, TargetMode.Random, TargetMode.LeastLikely, TargetMode.Top2];

    /// <summary>The transferability attack: untargeted FGSM, eps 0.3.</summary>
    public static StudyAttackSpec Transfer { get; } = StudyAttackSpec.Of("fgsm", ("epsilon", "0.3"));

    /// <summary>Images per model for <paramref name="budget"/>.</summary>
    public static int Count(string budget) => budget switch
    {
        "quick" => 30,
        "paper" => 100,
        _ => throw new ArgumentException($"budget '{budget}' is not one of {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// The attacks of <paramref name="budget"/>. "paper" uses Su et al.'s settings exactly (paper.md section 10: I-FGSM 50
    /// iterations x 9 attempts from eps 0.02; C&amp;W and EAD 9 binary steps x 1000 iterations from c = 0.01, learning rates
    /// 2e-3 and 1e-2) and an FGSM grid of 0.001. "quick" keeps the algorithms and shrinks the searches so that 18 models x
    /// 4 attacks x 4 targets finish in minutes on 2 cores: FGSM grid 0.01; I-FGSM 20 iterations x 7 attempts; C&amp;W and EAD
    /// 5 binary steps x 100 iterations with learning rate 1e-2 (a higher rate makes up for the shorter optimisation).
    /// Quick distortions are upper bounds of the paper-budget ones; compare models within one budget only.
    /// </summary>
    public static IReadOnlyList<StudyAttackSpec> Attacks(string budget) => budget switch
    {
        "quick" =>
        [
            StudyAttackSpec.Of("fgsm-sweep", ("epsilon-step", "0.01")),
            StudyAttackSpec.Of("ifgsm", ("iterations", "20"), ("attempts", "7")),
            StudyAttackSpec.Of("cw", ("binary-steps", "5"), ("iterations", "100"), ("learning-rate", "0.01")),
            StudyAttackSpec.Of("ead", ("binary-steps", "5"), ("iterations", "100")),
        ],
        "paper" =>
        [
            StudyAttackSpec.Of("fgsm-sweep"),
            StudyAttackSpec.Of("ifgsm"),
            StudyAttackSpec.Of("cw"),
            StudyAttackSpec.Of("ead"),
        ],
        _ => throw new ArgumentException($"budget '{budget}' is not one of {string.Join(", ", Names)}"),
    };
}
