namespace RobustnessGate.Attacks;

/// <summary>The objective a gradient attack ascends.</summary>
public enum AttackLoss
{
    /// <summary>Softmax cross-entropy on the logits: ascend CE(z, y) untargeted, descend CE(z, t) targeted (Goodfellow et al.; PyTorch tutorials).</summary>
    CrossEntropy,

    /// <summary>Su et al.'s reference code with --use_zvalue: ascend -z_y untargeted, ascend z_t targeted.</summary>
    Logit,

    /// <summary>C&amp;W-style logit margin: ascend max_{j!=y} z_j - z_y untargeted, z_t - max_{j!=t} z_j targeted.</summary>
    Margin,
}
