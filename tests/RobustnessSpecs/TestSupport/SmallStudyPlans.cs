using RobustnessGate.Attacks;
using RobustnessGate.Attacks.CarliniWagner;
using RobustnessGate.Attacks.IterativeFgsm;
using RobustnessGate.Clever;
using RobustnessGate.Study.Running;

namespace RobustnessSpecs.TestSupport;

/// <summary>
/// The small study that the transfer/CLEVER specs and the sharding specs run: mlp-1, mlp-2 (one family, so there are
/// within-family pairs) and LeNet; a short I-FGSM and a short C&amp;W, untargeted and top-2; 6 images; the FGSM transfer
/// source; CLEVER L2 and L-inf with N_s 8, N_b 4 on 3 images. Seconds, not minutes, on 2 cores.
/// </summary>
internal static class SmallStudyPlans
{
    public static StudyPlan TransferAndClever(string description, IReadOnlyList<string> galleryModels, int galleryImages) =>
        new(description, "spec", StudyModels.FromSpecs(["mlp-1", "mlp-2", "lenet"]),
            [
                IfgsmAttack.Definition.Configure(AttackPreset.Strong, o => o with { Iterations = 5, Attempts = 3 }),
                CwAttack.Definition.Configure(AttackPreset.Strong, o => o with { BinarySteps = 2, Iterations = 20, LearningRate = 0.1, InitialConst = 1, Candidates = 0 }),
            ],
            [TargetMode.Untargeted, TargetMode.Top2], 6, 1215, StudyBudgets.Transfer, galleryModels, "cw", galleryImages,
            [
                new CleverOptions(Norm.L2, Samples: 8, Batches: 4, Count: 3, BatchSize: 8),
                new CleverOptions(Norm.Linf, Samples: 8, Batches: 4, Count: 3, BatchSize: 8),
            ]);
}
