using RobustnessGate.Attacks;

namespace RobustnessGate.Study.Transferability;

/// <summary>How a transferability matrix is measured.</summary>
/// <param name="Target">Target mode of the attack on each source. Default untargeted.</param>
/// <param name="Count">Use the first N images (null: all).</param>
/// <param name="Seed">Seeds random targets and random starts, as in an evaluation. Default 1215.</param>
/// <param name="BatchSize">Images per attack batch and per forward pass.</param>
/// <param name="AllowProbabilities">Accept models whose outputs look like probabilities.</param>
/// <param name="Threads">Pinned intra-op thread count; null: <see cref="Runtime.TorchRuntime.DefaultThreads"/>.</param>
public sealed record TransferOptions(TargetMode Target = TargetMode.Untargeted, int? Count = null, long Seed = 1215,
    int BatchSize = 100, bool AllowProbabilities = false, int? Threads = null);
