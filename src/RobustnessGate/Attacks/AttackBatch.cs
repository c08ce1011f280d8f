using RobustnessGate.Models;
using static TorchSharp.torch;

namespace RobustnessGate.Attacks;

/// <summary>One batch handed to an attack. Attacks never modify these tensors.</summary>
/// <param name="Model">The classifier.</param>
/// <param name="Images">Clean images N x C x H x W in [0, 1].</param>
/// <param name="Labels">True labels (int64, N).</param>
/// <param name="Targets">Target classes (int64, N) for targeted attacks, or null for untargeted ones.</param>
/// <param name="Seed">Seed for any randomness of the attack on this batch.</param>
public sealed record AttackBatch(IClassifier Model, Tensor Images, Tensor Labels, Tensor? Targets, long Seed)
{
    /// <summary>True when the attack aims at <see cref="Targets"/>.</summary>
    public bool Targeted => Targets is not null;

    /// <summary>Number of examples.</summary>
    public int Count => (int)Images.shape[0];

    /// <summary>
    /// Rows the iterative attacks run at once (continuous batching, <see cref="RowQueue"/>): null runs every example at
    /// once. With fewer rows than examples, a row whose example finishes takes the next pending one. Per-example results
    /// do not depend on it beyond float round-off of batch-shaped kernels.
    /// </summary>
    public int? Rows { get; init; }

    /// <summary>The row capacity in effect: <see cref="Rows"/>, at most <see cref="Count"/>, at least 1.</summary>
    public int RowCapacity => Math.Max(1, Math.Min(Rows ?? Count, Count));

    /// <summary>The classes the attack works against: targets when targeted, labels otherwise.</summary>
    public Tensor Classes => Targets ?? Labels;
}
