using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace RobustnessGate.Attacks;

/// <summary>Per-example objectives that attacks ascend (higher is better for the attacker).</summary>
public static class Losses
{
    /// <summary>The per-example objective (shape N) for <paramref name="loss"/>.</summary>
    /// <param name="loss">Which objective.</param>
    /// <param name="logits">N x K logits.</param>
    /// <param name="classes">True labels (untargeted) or targets (targeted), int64 N.</param>
    /// <param name="targeted">Whether <paramref name="classes"/> are targets.</param>
    public static Tensor Objective(AttackLoss loss, Tensor logits, Tensor classes, bool targeted)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(classes);
        var sign = targeted ? -1.0 : 1.0;
        return loss switch
        {
            AttackLoss.CrossEntropy => F.cross_entropy(logits, classes, reduction: nn.Reduction.None) * sign,
            AttackLoss.Logit => ClassLogit(logits, classes) * -sign,
            AttackLoss.Margin => (BestOther(logits, classes) - ClassLogit(logits, classes)) * sign,
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown loss"),
        };
    }

    /// <summary>z_c for each row (N).</summary>
    public static Tensor ClassLogit(Tensor logits, Tensor classes) =>
        logits.gather(1, classes.unsqueeze(1)).squeeze(1);

    /// <summary>max_{j != c} z_j for each row (N).</summary>
    public static Tensor BestOther(Tensor logits, Tensor classes)
    {
        using var mask = F.one_hot(classes, logits.shape[1]).to(ScalarType.Bool);
        return logits.masked_fill(mask, float.NegativeInfinity).amax(new long[] { 1 });
    }
}
