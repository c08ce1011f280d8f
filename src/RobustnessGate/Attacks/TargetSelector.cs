using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>Chooses target classes for the targeted modes.</summary>
public static class TargetSelector
{
    /// <summary>
    /// Targets for <paramref name="mode"/>, or null for untargeted. Random targets depend only on (seed, image index, label,
    /// class count), so an image gets the same random target on every model, as CLEVER's fixed target list does.
    /// </summary>
    /// <param name="mode">Target mode.</param>
    /// <param name="cleanLogits">N x K clean logits (for least-likely and top-2).</param>
    /// <param name="labels">True labels.</param>
    /// <param name="indices">Index of each image in its data set.</param>
    /// <param name="seed">Seed for random targets.</param>
    public static long[]? Select(TargetMode mode, Tensor cleanLogits, IReadOnlyList<long> labels, IReadOnlyList<int> indices, long seed)
    {
        ArgumentNullException.ThrowIfNull(cleanLogits);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(indices);
        int k = (int)cleanLogits.shape[1];
        if (mode != TargetMode.Untargeted && k < 2)
            throw new ArgumentException($"targeted attacks need at least 2 classes, the model has {k}");
        switch (mode)
        {
            case TargetMode.Untargeted:
                return null;
            case TargetMode.Random:
                return labels.Select((y, i) => RandomTarget(seed, indices[i], y, k)).ToArray();
            case TargetMode.LeastLikely:
            {
                using var argmin = cleanLogits.argmin(1);
                return argmin.data<long>().ToArray();
            }
            case TargetMode.Top2:
            {
                using var scope = NewDisposeScope();
                var top = cleanLogits.topk(2, dim: 1).indexes;
                var first = top[.., 0].data<long>().ToArray();
                var second = top[.., 1].data<long>().ToArray();
                // The second-highest output; when the image is misclassified its top-1 is not the label, and top-2 may be the label,
                // so fall back to the top-1 class (never the label) to keep the target distinct from the true class.
                return labels.Select((y, i) => second[i] != y ? second[i] : first[i]).ToArray();
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown target mode");
        }
    }

    /// <summary>A uniformly drawn class in 0..k-1 other than <paramref name="label"/>, from SplitMix64 of (seed, index).</summary>
    public static long RandomTarget(long seed, int index, long label, int k)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        long draw = (long)(z % (ulong)(k - 1));
        return draw >= label ? draw + 1 : draw;
    }
}
