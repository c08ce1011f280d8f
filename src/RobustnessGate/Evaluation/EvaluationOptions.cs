using RobustnessGate.Attacks;

namespace RobustnessGate.Evaluation;

/// <summary>How an evaluation runs.</summary>
/// <param name="Target">Target mode. Default untargeted.</param>
/// <param name="Count">Use the first N images (null: all).</param>
/// <param name="Seed">Seeds random targets and random starts. Default 1215 (Su et al.'s README seed).</param>
/// <param name="BatchSize">Images per attack batch. Results do not depend on it for deterministic attacks.</param>
/// <param name="AllowProbabilities">Accept models whose outputs look like probabilities (attacks are weaker on them).</param>
/// <param name="Threads">Pinned intra-op thread count; null: <see cref="Runtime.TorchRuntime.DefaultThreads"/>.</param>
public sealed record EvaluationOptions(TargetMode Target = TargetMode.Untargeted, int? Count = null, long Seed = 1215,
    int BatchSize = 100, bool AllowProbabilities = false, int? Threads = null)
{
    /// <summary>Checks ranges.</summary>
    public void Validate()
    {
        if (Count is < 1)
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "count must be at least 1");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "batch size must be at least 1");
        if (Threads is < 1)
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "threads must be at least 1");
    }
}
