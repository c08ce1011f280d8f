namespace RobustnessGate.Attacks.Definitions;

/// <summary>Option vocabularies shared by several attacks (one spelling each, everywhere).</summary>
public static class CommonOptions
{
    /// <summary>The gradient norms of FGSM-style steps.</summary>
    public static readonly (string, Norm)[] GradientNorms = [("linf", Norm.Linf), ("l2", Norm.L2)];

    /// <summary>The objectives of gradient attacks.</summary>
    public static readonly (string, AttackLoss)[] Losses = [("ce", AttackLoss.CrossEntropy), ("logit", AttackLoss.Logit), ("margin", AttackLoss.Margin)];

    /// <summary>Other accepted spellings of <see cref="Losses"/>.</summary>
    public static readonly (string, AttackLoss)[] LossAliases = [("cross-entropy", AttackLoss.CrossEntropy)];

    /// <summary>The documentation of every loss option.</summary>
    public const string LossDescription =
        "objective: ce = cross-entropy; logit = Su et al.'s --use_zvalue (the true-class logit, or the target's); margin = C&W's logit margin";

    /// <summary>The documentation of every candidates option.</summary>
    public const string CandidatesDescription =
        "untargeted only: also attack the k classes with the highest clean logits as targets and keep the smallest successful example (costs k + 1 runs)";

    /// <summary>The unit of budgets.</summary>
    public const string PixelUnits = "[0, 1] pixel units";
}
